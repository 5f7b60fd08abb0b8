import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type Insertable } from "kysely";
import { from as copyFrom } from "pg-copy-streams";
import { rawConnection, type Db } from "../../../platform/db/database.js";
import { newId } from "../../../platform/ids.js";
import { industryKeys, industryText } from "../reference.js";
import type { ImportRunTable, ImportSource } from "../tables.js";
import type { CompanyRecord, ImportFormat } from "./record.js";

/**
 * The import's queries. The national register carries no municipality, so these take the
 * database itself rather than a scoped transaction.
 */
export interface Pending {
  record: CompanyRecord;
  line: number;
  text: string;
}

/**
 * Starts a run; an interrupted run of the same source left what it had seen, and running again
 * starts afresh. Says whether the register already held organisations from the source: if
 * not, none can go missing from it, and the run need not look for them.
 */
export async function startRun(db: Db, run: Insertable<ImportRunTable>): Promise<{ sourceHadOrganisations: boolean }> {
  await db
    .deleteFrom("company_import_seen")
    .where("run_id", "in", db.selectFrom("company_import_runs").select("id").where("source", "=", run.source).where("finished_at", "is", null))
    .execute();
  await db.insertInto("company_import_runs").values(run).execute();
  const held = await sql<{ held: boolean }>`select exists (select 1 from companies where ${run.source} = any(sources)) as held`.execute(db);
  return { sourceHadOrganisations: held.rows[0]?.held ?? true };
}

export async function finishRun(db: Db, runId: string, counts: Record<string, number>): Promise<void> {
  await db.deleteFrom("company_import_seen").where("run_id", "=", runId).execute();
  await db
    .updateTable("company_import_runs")
    .set({ finished_at: new Date(), counts: JSON.stringify(counts) })
    .where("id", "=", runId)
    .execute();
}

/**
 * After a large import: the vocabulary rebuilt from the whole register, the text indexes'
 * pending entries merged, the planner's statistics refreshed (the table's owner only).
 */
export async function refreshSearchIndexes(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`delete from company_lexemes`.execute(tx);
    await sql`insert into company_lexemes (lexeme, documents) select word, ndoc from ts_stat('select search_vector from companies')`.execute(tx);
  });
  for (const index of ["companies_search", "companies_industry_keys"]) {
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
  }
  await sql`analyze companies`.execute(db);
  await sql`analyze company_lexemes`.execute(db);
}

/** Adds the words of some organisations to the vocabulary (an upload, a small import). */
export async function addLexemes(db: Db, orgNumbers: string[]): Promise<void> {
  await sql`
    insert into company_lexemes (lexeme, documents)
    select lexeme, count(*) from companies c, unnest(tsvector_to_array(c.search_vector)) lexeme
    where c.org_number = any(${orgNumbers}::text[]) group by lexeme
    on conflict (lexeme) do update set documents = company_lexemes.documents + excluded.documents`.execute(db);
}

/** The register's column types; every value travels as text and is cast in SQL. */
const columnType: Record<keyof CompanyRecord, string> = {
  org_number: "text",
  is_person: "boolean",
  name: "text",
  legal_form_code: "text",
  legal_form_token: "text",
  status: "text",
  registered_on: "date",
  deregistered_on: "date",
  deregistration_reason: "text",
  street: "text",
  care_of: "text",
  postcode: "text",
  town: "text",
  size_class: "text",
  web: "text",
  phone: "text",
  email: "text",
  description: "text",
  advertising_opt_out: "boolean",
  industries: "jsonb",
};

const asText = (value: CompanyRecord[keyof CompanyRecord]): string | null => {
  if (value === null) {
    return null;
  }
  if (typeof value === "boolean") {
    return value ? "true" : "false";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
};

/** A value in COPY's text format: `\\N` for null, the separators and the escape character escaped. */
const needsEscape = /[\\\t\n\r]/;
const copyField = (value: string | null): string =>
  value === null ? "\\N" : needsEscape.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;

/**
 * Merges one batch: COPY into a temporary staging table of text columns (the cheapest way
 * into PostgreSQL), then, in the same transaction, the organisations not seen earlier in the
 * run noted as seen, and one `INSERT … SELECT … ON CONFLICT` that inserts the new and updates
 * only those whose facts changed.
 */
export async function mergeBatch(db: Db, runId: string, format: ImportFormat, pending: Pending[]) {
  const columns = format.columns.filter((column) => column !== "is_person");
  const withIndustries = columns.includes("industries");
  const names = ["id", "org_number", "is_person", ...columns, ...(withIndustries ? ["industry_keys", "industry_text"] : [])];
  const values = (item: Pending): Array<string | null> => [
    newId(),
    item.record.org_number,
    asText(item.record.is_person),
    ...columns.map((column) => asText(item.record[column])),
    ...(withIndustries ? [industryKeys(item.record.industries).join(" "), industryText(item.record.industries)] : []),
  ];
  // One staging table per column list, kept by the connection for the next batch and emptied at each commit.
  const staging = `company_import_batch_${createHash("sha1").update(names.join(",")).digest("hex").slice(0, 12)}`;
  const text = pending.map((item) => `${values(item).map(copyField).join("\t")}\n`).join("");
  const client = await rawConnection(db);
  try {
    await client.query("begin");
    await client.query(`create temp table if not exists ${staging} (${names.map((name) => `${name} text`).join(", ")}) on commit delete rows`);
    await pipeline(Readable.from([text]), client.query(copyFrom(`copy ${staging} (${names.join(", ")}) from stdin`)));
    // An organisation seen earlier in this run (an earlier batch) is a duplicate line.
    const fresh = await client.query<{ org_number: string }>(
      `insert into company_import_seen (run_id, org_number) select $1::uuid, org_number from ${staging} on conflict do nothing returning org_number`,
      [runId],
    );
    const firstSeen = new Set(fresh.rows.map((row) => row.org_number));
    const duplicates = pending.filter((item) => !firstSeen.has(item.record.org_number));
    if (duplicates.length > 0) {
      await client.query(`delete from ${staging} where org_number = any($1::text[])`, [duplicates.map((item) => item.record.org_number)]);
    }
    if (firstSeen.size === 0) {
      await client.query("commit");
      return { inserted: 0, updated: 0, duplicates };
    }
    const upsert = upsertFrom(staging, names, format).compile(db);
    const result = await client.query<{ inserted: boolean }>(upsert.sql, [...upsert.parameters]);
    await client.query("commit");
    const inserted = result.rows.filter((row) => row.inserted).length;
    return { inserted, updated: result.rows.length - inserted, duplicates };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The merge of a staged batch. A complete register speaks for its columns. An own list fills
 * gaps: where a national source (Bolagsverket, SCB) has said something, that stands; only an
 * organisation known from own lists alone takes the list's values over what an earlier list said.
 */
function upsertFrom(staging: string, names: string[], format: ImportFormat) {
  const casts: Record<string, string> = { ...columnType, id: "uuid", industry_keys: "text[]", industry_text: "text" };
  const selected = names.map((name) => (name === "industry_keys" ? sql.raw(`string_to_array(u.industry_keys, ' ')`) : sql.raw(`u.${name}::${casts[name]}`)));
  const national = "(c.sources && array['bolagsverket', 'scb']::text[])";
  const keepIndustries = `(excluded.industries = '[]'::jsonb or (${national} and c.industries <> '[]'::jsonb))`;
  const incoming = (name: string) => {
    if (format.complete) {
      return sql.raw(`excluded.${name}`);
    }
    if (name === "industries" || name === "industry_keys" || name === "industry_text") {
      return sql.raw(`case when ${keepIndustries} then c.${name} else excluded.${name} end`);
    }
    return sql.raw(`case when ${national} then coalesce(c.${name}, excluded.${name}) else coalesce(excluded.${name}, c.${name}) end`);
  };
  const updated = names.filter((name) => name !== "id" && name !== "org_number");
  const source = format.source;
  return sql<{ inserted: boolean }>`
    insert into companies as c (${sql.join(names.map((name) => sql.id(name)))}, sources)
    select ${sql.join(selected)}, array[${source}]::text[]
    from ${sql.table(staging)} as u
    on conflict (org_number) do update set
      ${sql.join(updated.map((name) => sql`${sql.id(name)} = ${incoming(name)}`))},
      sources = case when ${source} = any(c.sources) then c.sources else c.sources || ${source}::text end,
      missing_from = array_remove(c.missing_from, ${source}::text),
      updated_at = now()
    where (${sql.join(updated.map((name) => sql.raw(`c.${name}`)))}) is distinct from (${sql.join(updated.map(incoming))})
      or not (${source} = any(c.sources))
      or ${source} = any(c.missing_from)
    returning (xmax = 0) as inserted`;
}

/** Marks the organisations of a source that its latest complete file no longer lists. */
export async function markMissing(db: Db, runId: string, source: ImportSource): Promise<number> {
  const result = await sql`
      update companies c set missing_from = c.missing_from || ${source}::text, updated_at = now()
      where ${source} = any(c.sources) and not (${source} = any(c.missing_from))
        and not exists (select 1 from company_import_seen s where s.run_id = ${runId} and s.org_number = c.org_number)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
