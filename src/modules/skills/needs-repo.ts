import { sql, type Selectable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { NeedsRoundTable } from "./tables.js";

export type NeedsRound = Selectable<NeedsRoundTable>;

/** An occupation and how many people of it a company says it will need. */
export interface NeedLine {
  occupation: string;
  people: number;
}

/** What the figures are made of: per year, occupation and company, the people needed. */
export interface NeedFact {
  year: number;
  occupation: string;
  company_id: string;
  people: number;
}

export function findRound(tx: ScopedTx, year: number): Promise<NeedsRound | undefined> {
  return tx.selectFrom("skills_needs_rounds").selectAll().where("year", "=", year).executeTakeFirst();
}

export async function insertRound(tx: ScopedTx, values: { id: string; municipality_id: string; year: number; closes_on: string }): Promise<void> {
  await tx.insertInto("skills_needs_rounds").values(values).execute();
}

export async function updateRound(tx: ScopedTx, id: string, closesOn: string): Promise<void> {
  await tx.updateTable("skills_needs_rounds").set({ closes_on: closesOn }).where("id", "=", id).execute();
}

/** The round's count of companies asked and of those that answered by their link. */
export async function roundCounts(tx: ScopedTx, roundId: string): Promise<{ asked: number; answered: number }> {
  const row = await tx
    .selectFrom("skills_needs_invitations")
    .select((eb) => [eb.fn.countAll<string>().as("asked"), eb.fn.count<string>("answered_at").as("answered")])
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  return { asked: Number(row.asked), answered: Number(row.answered) };
}

export async function invitedCompanies(tx: ScopedTx, roundId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom("skills_needs_invitations").select("company_id").where("round_id", "=", roundId).execute();
  return new Set(rows.map((row) => row.company_id));
}

export async function insertInvitations(
  tx: ScopedTx,
  rows: ReadonlyArray<{ id: string; municipality_id: string; round_id: string; company_id: string; token_hash: string }>,
): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("skills_needs_invitations")
      .values([...rows])
      .execute();
  }
}

/** The invitation a link names, with its round (whose last day the caller weighs) and its company's name. */
export async function findInvitation(tx: ScopedTx, tokenHash: string) {
  return tx
    .selectFrom("skills_needs_invitations as i")
    .innerJoin("skills_needs_rounds as r", "r.id", "i.round_id")
    .innerJoin("companies as c", "c.id", "i.company_id")
    .select(["i.id", "i.company_id", "i.answered_at", "r.year", "r.closes_on", "c.name as company_name"])
    .where("i.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function markAnswered(tx: ScopedTx, invitationId: string): Promise<void> {
  await tx.updateTable("skills_needs_invitations").set({ answered_at: new Date() }).where("id", "=", invitationId).execute();
}

/** A visit as the skills needs ask of it: its company, whether that is a person, and when. */
export async function findVisit(tx: ScopedTx, id: string) {
  return tx
    .selectFrom("visits as v")
    .innerJoin("companies as c", "c.id", "v.company_id")
    .select(["v.id", "v.company_id", "v.starts_at", "c.name as company_name", "c.is_person"])
    .where("v.id", "=", id)
    .executeTakeFirst();
}

export async function isPerson(tx: ScopedTx, companyId: string): Promise<boolean> {
  return (await tx.selectFrom("companies").select("is_person").where("id", "=", companyId).executeTakeFirst())?.is_person ?? false;
}

/** A company's answer for a year, with its lines in code order. */
export async function findAnswer(tx: ScopedTx, year: number, companyId: string) {
  const answer = await tx.selectFrom("skills_needs_answers").selectAll().where("year", "=", year).where("company_id", "=", companyId).executeTakeFirst();
  if (!answer) {
    return undefined;
  }
  const lines = await tx.selectFrom("skills_needs_lines").select(["occupation", "people"]).where("answer_id", "=", answer.id).orderBy("occupation").execute();
  return { ...answer, lines };
}

/** Writes a company's answer for a year over whatever it said before: one answer per company and year. */
export async function replaceAnswer(
  tx: ScopedTx,
  answer: { id: string; municipality_id: string; year: number; company_id: string; source: "survey" | "visit"; visit_id: string | null },
  lines: readonly NeedLine[],
): Promise<string> {
  const { id } = await tx
    .insertInto("skills_needs_answers")
    .values(answer)
    .onConflict((conflict) =>
      conflict.columns(["municipality_id", "year", "company_id"]).doUpdateSet({ source: answer.source, visit_id: answer.visit_id, answered_at: new Date() }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.deleteFrom("skills_needs_lines").where("answer_id", "=", id).execute();
  if (lines.length > 0) {
    await tx
      .insertInto("skills_needs_lines")
      .values(lines.map((line) => ({ municipality_id: answer.municipality_id, answer_id: id, ...line })))
      .execute();
  }
  return id;
}

/** Per year, occupation and company, the people needed; and per year, how many companies answered (with or without a need). */
export async function needFacts(tx: ScopedTx, years: readonly number[]): Promise<{ facts: NeedFact[]; answered: Map<number, number> }> {
  if (years.length === 0) {
    return { facts: [], answered: new Map() };
  }
  const [facts, answered] = await Promise.all([
    tx
      .selectFrom("skills_needs_lines as l")
      .innerJoin("skills_needs_answers as a", "a.id", "l.answer_id")
      .select(["a.year", "l.occupation", "a.company_id", "l.people"])
      .where("a.year", "in", [...years])
      .execute(),
    tx
      .selectFrom("skills_needs_answers")
      .select((eb) => ["year", eb.fn.countAll<string>().as("companies")])
      .where("year", "in", [...years])
      .groupBy("year")
      .execute(),
  ]);
  return { facts, answered: new Map(answered.map((row) => [row.year, Number(row.companies)])) };
}

/** The years with answers or a round, newest first. */
export async function needYears(tx: ScopedTx): Promise<number[]> {
  const result = await sql<{ year: number }>`
    select year from skills_needs_answers union select year from skills_needs_rounds order by year desc`.execute(tx);
  return result.rows.map((row) => row.year);
}

/** The municipality's own companies that are not persons, in name order: the demo's answers go to them. */
export async function ownCompanyIds(tx: ScopedTx, limit: number): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select c.id from company_links l join companies c on c.id = l.company_id
    where not c.is_person order by c.name, c.id limit ${limit}`.execute(tx);
  return result.rows.map((row) => row.id);
}
