/**
 * One place for a person's data (GDPR art. 15, 17 and 30): the data-protection officer
 * searches every source at once, makes one register extract, and erases in one
 * transaction, so an erasure either happened everywhere or nowhere.
 */
import { recordAudit } from "../audit/audit.js";
import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope } from "../db/database.js";
import type { MessageKey } from "../ui/i18n.js";
import type { ErasurePart, ExtractPart, PersonalDataSource, PersonHit, PersonKey, PersonQuery, ProcessingActivity } from "./sources.js";
import { staffSource } from "./staff.js";

export type { PersonHit, PersonKey, PersonQuery, ProcessingActivity, ExtractPart, ErasurePart } from "./sources.js";

/** The data-protection page is for those who may see every module's personal data: administrators. */
export function assertPrivacy(ctx: OperationContext): void {
  authorize(ctx.actor, "privacy.manage");
}

function sourcesOf(ctx: OperationContext): PersonalDataSource[] {
  return [staffSource, ...(ctx.contributions?.personalData ?? [])];
}

/** The records each source holds that match the query, by source; sources without any are left out. */
export async function searchPeople(ctx: OperationContext, query: PersonQuery): Promise<Array<{ title: MessageKey; hits: PersonHit[] }>> {
  authorize(ctx.actor, "privacy.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const found: Array<{ title: MessageKey; hits: PersonHit[] }> = [];
    for (const source of sourcesOf(ctx)) {
      const hits = await source.find(tx, query);
      if (hits.length > 0) {
        found.push({ title: source.title, hits });
      }
    }
    // A search is a read of personal data too: who looked for whom is logged, without the words typed.
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "search",
        recordType: "privacy_person",
        recordId: null,
        changes: { by: query.kind, hits: found.reduce((sum, part) => sum + part.hits.length, 0) },
      },
      ctx.requestId,
    );
    return found;
  });
}

export interface RegisterExtract {
  person: { email: string | null; personal_number: string | null };
  made_at: string;
  controller: string;
  parts: Array<{ title: MessageKey } & ExtractPart>;
}

/** Everything Lotsen holds about the person, from every source, and why; the extract itself is logged. */
export async function registerExtract(ctx: OperationContext, person: PersonKey): Promise<RegisterExtract> {
  authorize(ctx.actor, "privacy.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const parts: RegisterExtract["parts"] = [];
    for (const source of sourcesOf(ctx)) {
      const part = await source.extract(tx, person);
      if (part) {
        parts.push({ title: source.title, ...part });
      }
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "extract", recordType: "privacy_person", recordId: null, changes: { by: person.kind, parts: parts.length } },
      ctx.requestId,
    );
    return {
      person: { email: person.kind === "email" ? person.email : null, personal_number: person.kind === "personal_number" ? person.digits : null },
      made_at: new Date().toISOString(),
      controller: ctx.scope.municipalityId,
      parts,
    };
  });
}

export interface ErasureReport {
  parts: Array<{ title: MessageKey } & ErasurePart>;
}

/**
 * Runs every source's erasure in one transaction. What the law keeps (public records, the
 * audit log's events without values) is reported with its reason, beside what went.
 */
export async function erasePerson(ctx: OperationContext, person: PersonKey): Promise<ErasureReport> {
  authorize(ctx.actor, "privacy.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const parts: ErasureReport["parts"] = [];
    for (const source of sourcesOf(ctx)) {
      const part = await source.erase(tx, ctx.actor, person, ctx.requestId);
      if (part.erased.length > 0 || part.kept.length > 0) {
        parts.push({ title: source.title, ...part });
      }
    }
    const erased = parts.reduce((sum, part) => sum + part.erased.reduce((total, row) => total + row.count, 0), 0);
    const kept = parts.reduce((sum, part) => sum + part.kept.reduce((total, row) => total + (row.count ?? 0), 0), 0);
    parts.push({ title: "privacy.audit_log", erased: [], kept: [{ what: "privacy.audit_events", count: null, why: "privacy.why_audit" }] });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "erase", recordType: "privacy_person", recordId: null, changes: { by: person.kind, erased, kept } },
      ctx.requestId,
    );
    return { parts };
  });
}

/** The record of processing activities (GDPR art. 30), from what every source declares. */
export function processingRecord(ctx: OperationContext): Array<{ title: MessageKey; activities: readonly ProcessingActivity[] }> {
  authorize(ctx.actor, "privacy.manage");
  return sourcesOf(ctx).map((source) => ({ title: source.title, activities: source.activities }));
}
