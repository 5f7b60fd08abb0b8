import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { SeekerReadTable, SeekerStatus, SeekerTable, ShortlistReadTable } from "./tables.js";

export type Seeker = Selectable<SeekerTable>;
export type SeekerRead = Selectable<SeekerReadTable>;
/** A seeker as a list shows them: never the personal identity number, the notes or the support. */
export type SeekerSummary = Pick<Seeker, "id" | "name" | "status" | "occupations" | "available_from" | "officer_id" | "updated_at">;

export const seekerPageSize = 50;

export async function listSeekers(tx: ScopedTx, filter: { status: SeekerStatus | null; officerId: string | null }, page: number): Promise<SeekerSummary[]> {
  let query = tx.selectFrom("skills_seekers").select(["id", "name", "status", "occupations", "available_from", "officer_id", "updated_at"]);
  if (filter.status) {
    query = query.where("status", "=", filter.status);
  }
  if (filter.officerId) {
    query = query.where("officer_id", "=", filter.officerId);
  }
  return query
    .orderBy("name")
    .orderBy("id")
    .limit(seekerPageSize + 1)
    .offset((page - 1) * seekerPageSize)
    .execute();
}

/** What a shortlist needs of a seeker: who, and what the matching compares; nothing else is loaded. */
export type MatchableSeeker = Pick<Seeker, "id" | "name" | "occupations" | "skills" | "languages" | "licences" | "places" | "extent" | "available_from">;

/** What an opening asks, as `scoreTerms` gives it, and which of the shortlist's filters are on. */
export interface ShortlistTerms {
  required: string[];
  wantedKeys: string[];
  wantedWeights: number[];
  occupation: string;
  workplace: string | null;
  extent: number;
  startsOn: string | null;
  includeRuledOut: boolean;
  place: boolean;
  inTime: boolean;
  limit: number;
}

/**
 * The best seekers for an opening, scored by the database as `match` scores them (the
 * points in `matching.ts`; `shortlist.test.ts` holds the two together), the eligible first,
 * then by score and id; only the shown are loaded. Those a requirement rules out are left
 * out unless asked for: a containment filter over the municipality's matchable, found by
 * their index (row-level security keeps `@>`, not being leakproof, from an index of its own).
 */
export async function shortlist(tx: ScopedTx, terms: ShortlistTerms): Promise<Array<MatchableSeeker & { eligible: boolean; score: number }>> {
  const required = sql`${terms.required}::text[]`;
  const workplace = sql`${terms.workplace}::text`;
  const startsOn = sql`${terms.startsOn}::date`;
  const total = terms.wantedWeights.reduce((sum, weight) => sum + weight, 0);
  // Sums of cases rather than subqueries over unnested arrays: the scoring runs once per candidate, hundreds a page.
  const met = sql.join(
    terms.wantedKeys.map((key, index) => sql`case when ${key}::text = any(s.requirement_keys) then ${terms.wantedWeights[index]!}::int else 0 end`),
    sql` + `,
  );
  const wanted = total === 0 ? sql`25` : sql`round(25 * (${met})::numeric / ${total}::int)::int`;
  // A code's prefixes are found in the seeker's codes joined by commas: ",5120,4322" holds a code beginning "51".
  const near = (digits: number) => sql`c.codes like '%,' || ${terms.occupation.slice(0, digits)}::text || '%'`;
  const occupation = sql`case when s.occupations @> array[${terms.occupation}::text] then 40 when ${near(3)} then 30 when ${near(2)} then 20 when ${near(1)} then 10 else 0 end`;
  const place = sql`case when cardinality(s.places) = 0 then 15 when ${workplace} is null then 8 when ${workplace} = any(s.places) then 15 else 0 end`;
  const inTime = sql`(s.available_from is null or ${startsOn} is null or s.available_from <= ${startsOn})`;
  const result = await sql<MatchableSeeker & { eligible: boolean; score: number }>`
    select s.id, s.name, s.occupations, s.skills, s.languages, s.licences, s.places, s.extent, s.available_from,
      s.requirement_keys @> ${required} as eligible,
      ${occupation} + ${wanted} + ${place}
      + round((100 - abs(s.extent - ${terms.extent}::int))::numeric / 10)::int
      + case when ${inTime} then 10 else 0 end as score
    from skills_seekers s
    cross join lateral (select ',' || array_to_string(s.occupations, ',') as codes) c
    where s.status in ('registered', 'searching')
      ${terms.includeRuledOut || terms.required.length === 0 ? sql`` : sql`and s.requirement_keys @> ${required}`}
      ${terms.place ? sql`and ${place} > 0` : sql``}
      ${terms.inTime ? sql`and ${inTime}` : sql``}
    order by eligible desc, score desc, s.id
    limit ${terms.limit}`.execute(tx);
  return result.rows;
}

/** How many of the matchable a requirement rules out (the shortlist says so when it shows them). */
export async function countRuledOut(tx: ScopedTx, required: readonly string[]): Promise<number> {
  if (required.length === 0) {
    return 0;
  }
  const result = await sql<{ count: string }>`
    select count(*) from skills_seekers
    where status in ('registered', 'searching') and not (requirement_keys @> ${[...required]}::text[])`.execute(tx);
  return Number(result.rows[0]!.count);
}

export async function findSeeker(tx: ScopedTx, id: string): Promise<Seeker | undefined> {
  return tx.selectFrom("skills_seekers").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function personalNumberTaken(tx: ScopedTx, digits: string, exceptId: string | null): Promise<boolean> {
  let query = tx.selectFrom("skills_seekers").select("id").where("personal_number", "=", digits);
  if (exceptId) {
    query = query.where("id", "<>", exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertSeeker(tx: ScopedTx, values: Insertable<SeekerTable>): Promise<void> {
  await tx.insertInto("skills_seekers").values(values).execute();
}

export async function updateSeeker(tx: ScopedTx, id: string, values: Updateable<SeekerTable>): Promise<void> {
  await tx
    .updateTable("skills_seekers")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function insertStatus(
  tx: ScopedTx,
  values: { id: string; municipality_id: string; seeker_id: string; status: SeekerStatus; by_name: string },
): Promise<void> {
  await tx.insertInto("skills_seeker_statuses").values(values).execute();
}

export async function statusHistory(tx: ScopedTx, seekerId: string) {
  return tx.selectFrom("skills_seeker_statuses").select(["status", "at", "by_name"]).where("seeker_id", "=", seekerId).orderBy("at").orderBy("id").execute();
}

export async function logRead(tx: ScopedTx, values: Insertable<SeekerReadTable>): Promise<void> {
  await tx.insertInto("skills_seeker_reads").values(values).execute();
}

/** A seeker's read log, newest first: their own reads, and every shortlist that showed them. */
export async function readLog(tx: ScopedTx, seekerId: string): Promise<Array<Pick<SeekerRead, "reader_name" | "what" | "read_at">>> {
  const result = await sql<Pick<SeekerRead, "reader_name" | "what" | "read_at">>`
    select reader_name, what, read_at from skills_seeker_reads where seeker_id = ${seekerId}
    union all
    select reader_name, 'matches', read_at from skills_shortlist_reads where seeker_ids @> array[${seekerId}::uuid]
    order by read_at desc`.execute(tx);
  return result.rows;
}

/** Seekers a data-protection search finds: by address, by personal identity number, or by every word of a name. */
export async function seekersMatching(tx: ScopedTx, match: { email?: string; name?: string; personalNumber?: string }): Promise<Seeker[]> {
  let query = tx.selectFrom("skills_seekers").selectAll();
  if (match.email) {
    query = query.where("email", "=", match.email);
  } else if (match.personalNumber) {
    query = query.where("personal_number", "=", match.personalNumber);
  } else if (match.name) {
    for (const word of match.name.split(" ")) {
      query = query.where("name", "ilike", `%${word.replace(/[\\%_]/g, "\\$&")}%`);
    }
  } else {
    return [];
  }
  return query.orderBy("name").limit(100).execute();
}

/** A seeker and their reads: their own go with them (by key); shortlists that showed them keep the others shown. */
export async function deleteSeeker(tx: ScopedTx, id: string): Promise<void> {
  await sql`update skills_shortlist_reads set seeker_ids = array_remove(seeker_ids, ${id}::uuid) where seeker_ids @> array[${id}::uuid] and cardinality(seeker_ids) > 1`.execute(
    tx,
  );
  await sql`delete from skills_shortlist_reads where seeker_ids = array[${id}::uuid]`.execute(tx);
  await tx.deleteFrom("skills_seekers").where("id", "=", id).execute();
}

/** The labour-market officers who can be responsible for a seeker: active accounts with that role. */
export async function officers(tx: ScopedTx): Promise<Array<{ id: string; name: string }>> {
  return tx
    .selectFrom("users")
    .select(["id", "name"])
    .where("active", "=", true)
    .where((eb) => eb(eb.val("labour_market_officer"), "=", eb.fn.any("roles")))
    .orderBy("name")
    .execute();
}

/** Looks at shortlists, each naming everyone it showed. */
export async function logShortlistReads(tx: ScopedTx, rows: Array<Insertable<ShortlistReadTable>>): Promise<void> {
  await tx.insertInto("skills_shortlist_reads").values(rows).execute();
}

/** Closed or placed seekers whose record has not changed since the cut-off: the retention rule's candidates. */
export async function staleSeekers(tx: ScopedTx, before: Date): Promise<Array<Pick<Seeker, "id">>> {
  return tx.selectFrom("skills_seekers").select("id").where("status", "in", ["closed", "placed"]).where("updated_at", "<", before).execute();
}
