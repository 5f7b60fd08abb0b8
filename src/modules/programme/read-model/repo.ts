import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { ScopedTx } from "../../../platform/db/database.js";
import type { ActionUpdate, Commitment, FocusArea, FollowUpRow, Indicator, IndicatorValue, Programme, ActionRow } from "../repo.js";

/** An action as the programme document holds it: names of its parties resolved, its log inside. */
export type DocumentAction = ActionRow & {
  responsible_unit_name: string | null;
  responsible_party_name: string | null;
  contributors: Array<{ unit_id: string | null; party_id: string | null; name: string }>;
  updates: ActionUpdate[];
};

export type DocumentIndicator = Indicator & { targets: Array<{ year: number; value: number }>; values: IndicatorValue[] };

export interface ProgrammeDocument {
  programme: Programme;
  parties: Array<{ id: string; name: string }>;
  commitments: Commitment[];
  focusAreas: FocusArea[];
  actions: DocumentAction[];
  indicators: DocumentIndicator[];
  followUps: FollowUpRow[];
}

/**
 * A programme with everything under it, read live in one statement: each part is a JSON
 * array built by PostgreSQL.
 */
export async function buildProgrammeDocument(tx: ScopedTx, programme: Programme): Promise<ProgrammeDocument> {
  const row = await tx
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("programme_parties")
          .innerJoin("external_parties", "external_parties.id", "programme_parties.party_id")
          .select(["external_parties.id", "external_parties.name"])
          .where("programme_parties.programme_id", "=", programme.id)
          .orderBy("external_parties.name"),
      ).as("parties"),
      jsonArrayFrom(eb.selectFrom("programme_commitments").selectAll().where("programme_id", "=", programme.id).orderBy("position").orderBy("created_at")).as(
        "commitments",
      ),
      jsonArrayFrom(eb.selectFrom("programme_focus_areas").selectAll().where("programme_id", "=", programme.id).orderBy("position").orderBy("created_at")).as(
        "focus_areas",
      ),
      jsonArrayFrom(
        eb
          .selectFrom("programme_actions as a")
          .innerJoin("programme_action_statuses as status", "status.id", "a.status_id")
          .leftJoin("users as owner", "owner.id", "a.owner_id")
          .leftJoin("org_units as unit", "unit.id", "a.responsible_unit_id")
          .leftJoin("external_parties as party", "party.id", "a.responsible_party_id")
          .selectAll("a")
          .select([
            "status.name as status_name",
            "status.closed as status_closed",
            "owner.name as owner_name",
            "unit.name as responsible_unit_name",
            "party.name as responsible_party_name",
          ])
          .select((inner) => [
            jsonArrayFrom(
              inner
                .selectFrom("programme_action_contributors as c")
                .leftJoin("org_units as cu", "cu.id", "c.unit_id")
                .leftJoin("external_parties as cp", "cp.id", "c.party_id")
                .select(["c.unit_id", "c.party_id", (name) => name.fn.coalesce("cu.name", "cp.name", name.val("–")).as("name")])
                .whereRef("c.action_id", "=", "a.id"),
            ).as("contributors"),
            jsonArrayFrom(
              inner
                .selectFrom("programme_action_updates as u")
                .leftJoin("users as author", "author.id", "u.author_id")
                .selectAll("u")
                .select("author.name as author_name")
                .whereRef("u.action_id", "=", "a.id")
                .orderBy("u.at", "desc")
                .orderBy("u.id", "desc"),
            ).as("updates"),
          ])
          .where("a.programme_id", "=", programme.id)
          .orderBy("a.position")
          .orderBy("a.created_at"),
      ).as("actions"),
      jsonArrayFrom(
        eb
          .selectFrom("programme_indicators as i")
          .leftJoin("users as owner", "owner.id", "i.owner_id")
          .selectAll("i")
          .select("owner.name as owner_name")
          .select((inner) => [
            jsonArrayFrom(
              inner.selectFrom("programme_indicator_targets as t").select(["t.year", "t.value"]).whereRef("t.indicator_id", "=", "i.id").orderBy("t.year"),
            ).as("targets"),
            jsonArrayFrom(
              inner
                .selectFrom("programme_indicator_values as v")
                .selectAll("v")
                .whereRef("v.indicator_id", "=", "i.id")
                .orderBy("v.year")
                .orderBy((order) => order.fn.coalesce("v.quarter", order.val(5))),
            ).as("values"),
          ])
          .where("i.programme_id", "=", programme.id)
          .orderBy("i.position")
          .orderBy("i.created_at"),
      ).as("indicators"),
      jsonArrayFrom(
        eb
          .selectFrom("programme_follow_ups as f")
          .leftJoin("users as publisher", "publisher.id", "f.published_by_id")
          .select([
            "f.id",
            "f.municipality_id",
            "f.programme_id",
            "f.year",
            "f.revision",
            "f.correction_note",
            "f.published_at",
            "f.published_by_id",
            "f.demo",
            "publisher.name as published_by_name",
          ])
          .where("f.programme_id", "=", programme.id)
          .orderBy("f.year", "desc")
          .orderBy("f.revision", "desc"),
      ).as("follow_ups"),
    ])
    .executeTakeFirstOrThrow();
  // JSON carries instants as strings; the rest of the module reads them as dates.
  const instant = (value: unknown) => new Date(String(value));
  return {
    programme,
    parties: row.parties,
    commitments: row.commitments as unknown as Commitment[],
    focusAreas: row.focus_areas as unknown as FocusArea[],
    actions: (row.actions as unknown as DocumentAction[]).map((action) => ({
      ...action,
      updates: action.updates.map((update) => ({ ...update, at: instant(update.at) })),
    })),
    indicators: row.indicators as unknown as DocumentIndicator[],
    followUps: (row.follow_ups as unknown as FollowUpRow[]).map((followUp) => ({ ...followUp, published_at: instant(followUp.published_at) })),
  };
}

/**
 * Stores a programme's document: the read model the public pages are served from. It holds
 * what the public sees: no action logs, no staff names.
 */
export async function saveProgrammeDocument(tx: ScopedTx, full: ProgrammeDocument): Promise<void> {
  const document: ProgrammeDocument = {
    ...full,
    actions: full.actions.map((action) => ({ ...action, owner_name: null, updates: [] })),
    indicators: full.indicators.map((indicator) => ({ ...indicator, owner_name: null })),
    followUps: full.followUps.map((followUp) => ({ ...followUp, published_by_name: null })),
  };
  await tx
    .insertInto("programme_documents")
    .values({
      programme_id: document.programme.id,
      municipality_id: document.programme.municipality_id,
      document: JSON.stringify(document),
      refreshed_at: new Date(),
    })
    .onConflict((conflict) =>
      conflict.column("programme_id").doUpdateSet((eb) => ({ document: eb.ref("excluded.document"), refreshed_at: eb.ref("excluded.refreshed_at") })),
    )
    .execute();
}

/** When a programme's public document was last stored, if it has one the public may read. */
export async function findPublicDocumentTime(tx: ScopedTx, programmeId: string): Promise<Date | undefined> {
  const row = await tx
    .selectFrom("programme_documents")
    .select("refreshed_at")
    .where("programme_id", "=", programmeId)
    .where(sql<string>`document->'programme'->>'status'`, "<>", "draft")
    .executeTakeFirst();
  return row?.refreshed_at;
}

/**
 * A programme's stored document: one indexed read for a whole public page. None when the
 * programme has none yet or a renamed unit or party has set it aside.
 */
export async function findProgrammeDocument(tx: ScopedTx, programmeId: string): Promise<ProgrammeDocument | undefined> {
  const row = await tx.selectFrom("programme_documents").select("document").where("programme_id", "=", programmeId).executeTakeFirst();
  if (!row) {
    return undefined;
  }
  // JSON carries instants as strings: the ones that are read become dates again.
  const stored = row.document as ProgrammeDocument;
  const programme = stored.programme;
  const document: ProgrammeDocument = {
    ...stored,
    programme: {
      ...programme,
      created_at: new Date(programme.created_at),
      updated_at: new Date(programme.updated_at),
      unlocked_at: programme.unlocked_at ? new Date(programme.unlocked_at) : null,
    },
    followUps: stored.followUps.map((followUp) => ({ ...followUp, published_at: new Date(followUp.published_at) })),
  };
  return document;
}
