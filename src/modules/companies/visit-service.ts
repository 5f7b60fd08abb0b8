import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import icalGenerator from "ical-generator";
import { diff } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { stockholmInstant } from "../../platform/sweden/time.js";
import * as contactRepo from "./contact-repo.js";
import { authorizeCompanies, canCompanies } from "./policy.js";
import * as companyRepo from "./repo.js";
import type { TaskInput, TemplateInput, VisitInput } from "./schemas.js";
import { assertStaff, audit, loadCompany } from "./service.js";
import type { VisitQuestion } from "./tables.js";
import * as repo from "./visit-repo.js";
import { sectionsOf, type VisitSectionContent } from "./visit-sections.js";
import type { Lang } from "../../platform/ui/i18n.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { Task, VisitRow, VisitTemplate } from "./visit-repo.js";

// --- Templates ------------------------------------------------------------------------

/** Question keys come from the wording, so answers stay with their question when the list is reordered. */
export function questionsOf(lines: string[]): VisitQuestion[] {
  const used = new Set<string>();
  return lines.map((label) => {
    const base =
      label
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_|_$/g, "")
        .slice(0, 40) || "fraga";
    let key = base;
    for (let n = 2; used.has(key); n += 1) {
      key = `${base}_${n}`;
    }
    used.add(key);
    return { key, label };
  });
}

export async function listTemplates(ctx: OperationContext): Promise<repo.VisitTemplate[]> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listTemplates(tx));
}

async function loadTemplate(tx: ScopedTx, id: string): Promise<repo.VisitTemplate> {
  const template = isId(id) ? await repo.findTemplate(tx, id) : undefined;
  if (!template) {
    throw new NotFoundError();
  }
  return template;
}

export async function getTemplate(ctx: OperationContext, id: string): Promise<repo.VisitTemplate> {
  authorizeCompanies(ctx.actor, "visits.templates");
  return inScope(ctx.db, ctx.scope, (tx) => loadTemplate(tx, id));
}

export async function saveTemplate(ctx: OperationContext, id: string | null, input: TemplateInput): Promise<repo.VisitTemplate> {
  authorizeCompanies(ctx.actor, "visits.templates");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const offered = new Set((ctx.contributions?.visitSections ?? []).map((section) => section.key));
    if (input.sections.some((key) => !offered.has(key))) {
      throw new ValidationError([{ path: "sections", message: "invalid_choice" }]);
    }
    const values = { name: input.name, questions: JSON.stringify(questionsOf(input.questions)), sections: input.sections };
    const taken = (error: unknown): never => {
      if (typeof error === "object" && error !== null && "code" in error && error.code === "23505") {
        throw new ValidationError([{ path: "name", message: "name_taken" }]);
      }
      throw error;
    };
    if (id) {
      const before = await loadTemplate(tx, id);
      await repo.updateTemplate(tx, id, values).catch(taken);
      await audit(tx, ctx, {
        action: "update",
        recordType: "visit_template",
        recordId: id,
        changes: diff(
          { name: before.name, questions: before.questions, sections: before.sections },
          { name: input.name, questions: questionsOf(input.questions), sections: input.sections },
        ),
      });
      return loadTemplate(tx, id);
    }
    const created = newId();
    await repo.insertTemplate(tx, { id: created, municipality_id: ctx.scope.municipalityId, ...values }).catch(taken);
    await audit(tx, ctx, {
      action: "create",
      recordType: "visit_template",
      recordId: created,
      changes: diff({}, { name: input.name, questions: questionsOf(input.questions), sections: input.sections }),
    });
    return loadTemplate(tx, created);
  });
}

// --- Visits ---------------------------------------------------------------------------

export interface VisitDetail {
  visit: repo.VisitRow;
  staff: Array<{ id: string; name: string }>;
  contacts: Array<{ id: string; name: string }>;
  template: repo.VisitTemplate | undefined;
  tasks: repo.Task[];
  companyContacts: contactRepo.CompanyContact[];
  /** Parts other modules add to the report, as the template takes them in. */
  sections: Array<{ key: string; label: string } & VisitSectionContent>;
}

async function loadVisit(tx: ScopedTx, id: string): Promise<repo.VisitRow> {
  const visit = isId(id) ? await repo.findVisit(tx, id) : undefined;
  if (!visit) {
    throw new NotFoundError();
  }
  return visit;
}

export async function getVisit(ctx: OperationContext, id: string, lang: Lang = "sv"): Promise<VisitDetail> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const visit = await loadVisit(tx, id);
    const [people, template, tasks, companyContacts] = await Promise.all([
      repo.participants(tx, id),
      visit.template_id ? repo.findTemplate(tx, visit.template_id) : undefined,
      repo.listVisitTasks(tx, id),
      contactRepo.listCompanyContacts(tx, visit.company_id),
    ]);
    // A viewer reads what the visit learnt, not which of the company's people took part.
    const persons = canCompanies(ctx.actor, "contacts.read");
    const sections = await sectionsOf(tx, ctx.actor, visit, template?.sections ?? [], ctx.contributions?.visitSections ?? [], lang);
    return { visit, ...people, contacts: persons ? people.contacts : [], template, tasks, companyContacts: persons ? companyContacts : [], sections };
  });
}

/** The contacts a visit may name: those of its company. */
async function assertCompanyContacts(tx: ScopedTx, companyId: string, ids: string[]): Promise<void> {
  const known = new Set((await contactRepo.listCompanyContacts(tx, companyId)).map((contact) => contact.id));
  if (ids.some((id) => !known.has(id))) {
    throw new ValidationError([{ path: "contact_ids", message: "invalid_choice" }]);
  }
}

async function assertTemplate(tx: ScopedTx, id: string | null): Promise<void> {
  if (id && !(await repo.findTemplate(tx, id))) {
    throw new ValidationError([{ path: "template_id", message: "invalid_choice" }]);
  }
}

const visitValues = (input: VisitInput) => ({
  starts_at: stockholmInstant(input.date, input.start_time),
  ends_at: input.end_time ? stockholmInstant(input.date, input.end_time) : null,
  status: input.status,
  purpose: input.purpose,
  template_id: input.template_id,
});

export async function createVisit(ctx: OperationContext, companyId: string, input: VisitInput): Promise<string> {
  authorizeCompanies(ctx.actor, "companies.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await loadCompany(tx, companyId);
    await assertStaff(tx, ctx, "staff_ids", input.staff_ids);
    await assertCompanyContacts(tx, companyId, input.contact_ids);
    await assertTemplate(tx, input.template_id);
    const id = newId();
    const values = visitValues(input);
    await repo.insertVisit(tx, { id, municipality_id: ctx.scope.municipalityId, company_id: companyId, ...values });
    await repo.setParticipants(tx, ctx.scope.municipalityId, id, input.staff_ids, input.contact_ids);
    await contactRepo.touchContacts(tx, input.contact_ids);
    await companyRepo.link(tx, ctx.scope.municipalityId, companyId, "visit");
    await audit(tx, ctx, {
      action: "create",
      recordType: "visit",
      recordId: id,
      changes: diff({}, { ...values, company_id: companyId, staff_ids: input.staff_ids, contact_ids: input.contact_ids }),
    });
    return id;
  });
}

export async function updateVisit(ctx: OperationContext, id: string, input: VisitInput): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadVisit(tx, id);
    const people = await repo.participants(tx, id);
    await assertStaff(tx, ctx, "staff_ids", input.staff_ids);
    await assertCompanyContacts(tx, before.company_id, input.contact_ids);
    await assertTemplate(tx, input.template_id);
    const values = visitValues(input);
    await repo.updateVisit(tx, id, values);
    await repo.setParticipants(tx, ctx.scope.municipalityId, id, input.staff_ids, input.contact_ids);
    await contactRepo.touchContacts(tx, input.contact_ids);
    await audit(tx, ctx, {
      action: "update",
      recordType: "visit",
      recordId: id,
      changes: diff(
        {
          starts_at: before.starts_at,
          ends_at: before.ends_at,
          status: before.status,
          purpose: before.purpose,
          template_id: before.template_id,
          staff_ids: people.staff.map((s) => s.id),
          contact_ids: people.contacts.map((c) => c.id),
        },
        { ...values, staff_ids: input.staff_ids, contact_ids: input.contact_ids },
      ),
    });
  });
}

/** The visit report: one answer per question of the visit's template; questions not in it are ignored. */
export async function saveReport(ctx: OperationContext, id: string, answers: Record<string, string>): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const visit = await loadVisit(tx, id);
    const template = visit.template_id ? await repo.findTemplate(tx, visit.template_id) : undefined;
    if (!template) {
      throw new ConflictError([{ path: "template_id", message: "companies.visit_no_template" }]);
    }
    const report = Object.fromEntries(template.questions.map((question) => [question.key, answers[question.key] ?? ""]));
    await repo.updateVisit(tx, id, { report: JSON.stringify(report) });
    await audit(tx, ctx, { action: "report", recordType: "visit", recordId: id, changes: diff(visit.report, report) });
  });
}

// --- Tasks ----------------------------------------------------------------------------

export async function createTask(ctx: OperationContext, companyId: string, input: TaskInput): Promise<string> {
  authorizeCompanies(ctx.actor, "companies.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await loadCompany(tx, companyId);
    await assertStaff(tx, ctx, "owner_id", [input.owner_id]);
    if (input.visit_id) {
      const visit = await repo.findVisit(tx, input.visit_id);
      if (!visit || visit.company_id !== companyId) {
        throw new ValidationError([{ path: "visit_id", message: "invalid_choice" }]);
      }
    }
    const id = newId();
    await repo.insertTask(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      company_id: companyId,
      visit_id: input.visit_id,
      title: input.title,
      owner_id: input.owner_id,
      due_on: input.due_on,
    });
    await audit(tx, ctx, { action: "create", recordType: "company_task", recordId: id, changes: diff({}, { ...input, company_id: companyId }) });
    return id;
  });
}

export async function setTaskDone(ctx: OperationContext, id: string, done: boolean): Promise<string> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const task = isId(id) ? await repo.findTask(tx, id) : undefined;
    if (!task) {
      throw new NotFoundError();
    }
    authorizeCompanies(ctx.actor, "tasks.complete", task);
    await repo.updateTask(tx, id, { done_at: done ? new Date() : null });
    await audit(tx, ctx, { action: done ? "complete" : "reopen", recordType: "company_task", recordId: id });
    return task.company_id;
  });
}

/** The signed-in staff member's open tasks. */
export async function myTasks(ctx: OperationContext): Promise<repo.Task[]> {
  authorizeCompanies(ctx.actor, "companies.read");
  if (ctx.actor.kind !== "user") {
    return [];
  }
  const userId = ctx.actor.id;
  return inScope(ctx.db, ctx.scope, (tx) => repo.listOpenTasksOf(tx, userId));
}

// --- Calendar feed --------------------------------------------------------------------

/**
 * A calendar application fetches the feed without a session, so its address carries a
 * token: an HMAC of the account id and the account's feed salt under the installation's
 * secret. Renewing the link draws a new salt, which ends the old one; the feed holds only
 * the staff member's own planned visits.
 */
export function visitFeedToken(secret: string, userId: string, salt: string): string {
  return createHmac("sha256", secret).update(`visit-feed:${userId}:${salt}`).digest("base64url").slice(0, 32);
}

/** The acting staff member's feed token, for the address shown to them. */
export async function myFeedToken(ctx: OperationContext, secret: string): Promise<string | null> {
  if (ctx.actor.kind !== "user") {
    return null;
  }
  const userId = ctx.actor.id;
  return visitFeedToken(secret, userId, await inScope(ctx.db, ctx.scope, (tx) => repo.feedSalt(tx, userId)));
}

/** A new address for the acting staff member's feed: the old one stops working at once. */
export async function renewMyFeed(ctx: OperationContext): Promise<void> {
  if (ctx.actor.kind !== "user") {
    throw new NotFoundError();
  }
  const userId = ctx.actor.id;
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await repo.renewFeedSalt(tx, ctx.scope.municipalityId, userId, randomBytes(16).toString("base64url"));
    await audit(tx, ctx, { action: "renew_visit_feed", recordType: "user", recordId: userId });
  });
}

export async function visitFeed(db: Db, scope: Scope, secret: string, userId: string, token: string, calendarName: string): Promise<string> {
  if (!isId(userId)) {
    throw new NotFoundError();
  }
  return inScope(db, scope, async (tx) => {
    const expected = Buffer.from(visitFeedToken(secret, userId, await repo.feedSalt(tx, userId)));
    const given = Buffer.from(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new NotFoundError();
    }
    const [user] = await companyRepo.listStaff(tx, scope.municipalityId, [userId]);
    if (!user) {
      throw new NotFoundError();
    }
    const from = new Date(Date.now() - 30 * 86_400_000);
    const visits = await repo.listPlannedVisitsOf(tx, userId, from);
    const calendar = icalGenerator({ name: calendarName, prodId: { company: "Lotsen", product: "visits", language: "SV" } });
    for (const visit of visits) {
      calendar.createEvent({
        id: `${visit.id}@lotsen`,
        start: visit.starts_at,
        end: visit.ends_at ?? new Date(visit.starts_at.getTime() + 3_600_000),
        summary: `${visit.company_name}${visit.purpose ? `: ${visit.purpose}` : ""}`,
        description: visit.purpose,
        stamp: visit.updated_at,
      });
    }
    return calendar.toString();
  });
}
