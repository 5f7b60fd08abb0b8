import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { rawConnection, type Db } from "../../../platform/db/database.js";
import { newId } from "../../../platform/ids.js";
import { industryKeys, industryText } from "../reference.js";
import type { CompanyRecord, ImportFormat } from "./record.js";
import type { Pending } from "./repo.js";

/*
 * One batch of the import into the register, in one transaction. Organisations the register
 * does not hold yet are COPYed straight into it (COPY writes many rows per page and WAL
 * record, as no INSERT can); those it holds go through a temporary staging table into one
 * `INSERT … SELECT … ON CONFLICT` that updates only those whose facts changed. A source new
 * to the register skips the lookup and the seen list (`fromNewSource`).
 */

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

/** A text array in PostgreSQL's literal form, every element quoted. */
const arrayLiteral = (items: readonly string[]) => `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;

/** One row in COPY's text format. */
const copyLine = (row: Array<string | null>) => `${row.map(copyField).join("\t")}\n`;

async function copyRows(client: pg.PoolClient, target: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from([lines.join("")]), client.query(copyFrom(`copy ${target} from stdin`)));
}

/** The columns a format fills, and a row's values for both ways in (industry keys as an array literal for the register, space-separated for staging). */
function shapeOf(format: ImportFormat) {
  const columns = format.columns.filter((column) => column !== "is_person");
  const withIndustries = columns.includes("industries");
  const names = ["id", "org_number", "is_person", ...columns, ...(withIndustries ? ["industry_keys", "industry_text"] : [])];
  const values = (item: Pending, keys: (list: string[]) => string): Array<string | null> => [
    newId(),
    item.record.org_number,
    asText(item.record.is_person),
    ...columns.map((column) => asText(item.record[column])),
    ...(withIndustries ? [keys(industryKeys(item.record.industries)), industryText(item.record.industries)] : []),
  ];
  const registerLine = (item: Pending) => copyLine([...values(item, arrayLiteral), `{${format.source}}`]);
  return { names, values, registerLine };
}

/**
 * The batch's rows as COPY lines for the register, made ahead: the importer makes them while
 * the previous batch is still in the database, so neither waits for the other.
 */
export function registerRows(format: ImportFormat, pending: Pending[]): Map<Pending, string> {
  const { registerLine } = shapeOf(format);
  return new Map(pending.map((item) => [item, registerLine(item)]));
}

export async function mergeBatch(
  db: Db,
  runId: string,
  format: ImportFormat,
  pending: Pending[],
  options: { sourceIsNew?: boolean; made?: Map<Pending, string> } = {},
) {
  const shape = shapeOf(format);
  const client = await rawConnection(db);
  try {
    await client.query("begin");
    const result = options.sourceIsNew
      ? await fromNewSource(client, db, runId, format, pending, shape, options.made)
      : await intoRegister(client, db, runId, format, pending, shape);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

type Shape = ReturnType<typeof shapeOf>;
type Merged = { inserted: number; updated: number; duplicates: Pending[] };
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";
const staged = (shape: Shape, items: Pending[]) => items.map((item) => ({ item, row: shape.values(item, (list) => list.join(" ")) }));

/**
 * A register that holds organisations: those it lacks go in by COPY, with the run's seen list
 * (not in the register, so not seen earlier in this run either); should another import add one
 * of them meanwhile, the whole batch takes the merging way instead.
 */
async function intoRegister(client: pg.PoolClient, db: Db, runId: string, format: ImportFormat, pending: Pending[], shape: Shape): Promise<Merged> {
  const held = await client.query<{ org_number: string }>("select org_number from companies where org_number = any($1::text[])", [
    pending.map((item) => item.record.org_number),
  ]);
  const known = new Set(held.rows.map((row) => row.org_number));
  let fresh = pending.filter((item) => !known.has(item.record.org_number));
  let existing = pending.filter((item) => known.has(item.record.org_number));
  if (fresh.length > 0) {
    await client.query("savepoint fresh");
    try {
      await copyRows(client, `companies (${shape.names.join(", ")}, sources)`, fresh.map(shape.registerLine));
      await copyRows(
        client,
        "company_import_seen (run_id, org_number)",
        fresh.map((item) => copyLine([runId, item.record.org_number])),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
      await client.query("rollback to savepoint fresh");
      existing = pending;
      fresh = [];
    }
  }
  const merged = existing.length > 0 ? await mergeExisting(client, db, runId, format, shape.names, staged(shape, existing)) : undefined;
  return { inserted: fresh.length + (merged?.inserted ?? 0), updated: merged?.updated ?? 0, duplicates: merged?.duplicates ?? [] };
}

/**
 * A source new to the register (its first import): the batch goes in by COPY at once, and no
 * seen list is kept, since nothing can have gone missing from the source. Should the COPY meet
 * a number already there, the batch is sorted: one the register holds from this source came
 * from this run, so its line is a duplicate; one it holds from other sources only is merged;
 * the rest go in by COPY.
 */
async function fromNewSource(
  client: pg.PoolClient,
  db: Db,
  runId: string,
  format: ImportFormat,
  pending: Pending[],
  shape: Shape,
  made: Map<Pending, string> | undefined,
): Promise<Merged> {
  const target = `companies (${shape.names.join(", ")}, sources)`;
  const line = (item: Pending) => made?.get(item) ?? shape.registerLine(item);
  await client.query("savepoint fresh");
  try {
    await copyRows(client, target, pending.map(line));
    return { inserted: pending.length, updated: 0, duplicates: [] };
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error;
    }
    await client.query("rollback to savepoint fresh");
  }
  const held = await client.query<{ org_number: string; ours: boolean }>(
    "select org_number, $2 = any(sources) as ours from companies where org_number = any($1::text[])",
    [pending.map((item) => item.record.org_number), format.source],
  );
  const ours = new Set(held.rows.filter((row) => row.ours).map((row) => row.org_number));
  const theirs = new Set(held.rows.filter((row) => !row.ours).map((row) => row.org_number));
  const duplicates = pending.filter((item) => ours.has(item.record.org_number));
  const others = pending.filter((item) => theirs.has(item.record.org_number));
  const fresh = pending.filter((item) => !ours.has(item.record.org_number) && !theirs.has(item.record.org_number));
  if (fresh.length > 0) {
    await copyRows(client, target, fresh.map(line));
  }
  const merged = others.length > 0 ? await mergeExisting(client, db, runId, format, shape.names, staged(shape, others)) : undefined;
  return {
    inserted: fresh.length + (merged?.inserted ?? 0),
    updated: merged?.updated ?? 0,
    duplicates: [...duplicates, ...(merged?.duplicates ?? [])],
  };
}

/** The organisations the register holds: staged, noted as seen (a number seen earlier in this run is a duplicate line), merged. */
async function mergeExisting(
  client: pg.PoolClient,
  db: Db,
  runId: string,
  format: ImportFormat,
  names: string[],
  staged: Array<{ item: Pending; row: Array<string | null> }>,
) {
  // One staging table per column list, kept by the connection for the next batch and emptied at each commit.
  const staging = `company_import_batch_${createHash("sha1").update(names.join(",")).digest("hex").slice(0, 12)}`;
  await client.query(`create temp table if not exists ${staging} (${names.map((name) => `${name} text`).join(", ")}) on commit delete rows`);
  await copyRows(
    client,
    `${staging} (${names.join(", ")})`,
    staged.map(({ row }) => copyLine(row)),
  );
  const firstSeen = new Set(
    (
      await client.query<{ org_number: string }>(
        `insert into company_import_seen (run_id, org_number) select $1::uuid, org_number from ${staging} on conflict do nothing returning org_number`,
        [runId],
      )
    ).rows.map((row) => row.org_number),
  );
  const duplicates = staged.filter(({ item }) => !firstSeen.has(item.record.org_number)).map(({ item }) => item);
  if (duplicates.length > 0) {
    await client.query(`delete from ${staging} where org_number = any($1::text[])`, [duplicates.map((item) => item.record.org_number)]);
  }
  if (firstSeen.size === 0) {
    return { inserted: 0, updated: 0, duplicates };
  }
  const upsert = upsertFrom(staging, names, format).compile(db);
  const result = await client.query<{ inserted: boolean }>(upsert.sql, [...upsert.parameters]);
  const inserted = result.rows.filter((row) => row.inserted).length;
  return { inserted, updated: result.rows.length - inserted, duplicates };
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
