import { sql } from "kysely";
import type { Db } from "../../../platform/db/database.js";
import { newId } from "../../../platform/ids.js";
import { AppError } from "../../../platform/errors.js";
import { industryKeys, industryText } from "../reference.js";
import type { ImportSource } from "../tables.js";
import { detectFormat } from "./formats.js";
import type { CompanyRecord, ImportFormat, Reason } from "./record.js";
import { openSourceFile, readLines, type TextEncoding } from "./source-file.js";

export interface ImportOptions {
  fileName: string;
  /** An upload by a municipality: recorded on the run; the caller links the companies. */
  municipalityId?: string | null;
  /** Mark organisations missing from the file as disappeared from its source; only a complete register file can say so. */
  markMissing?: boolean;
  batchSize?: number;
  /** A rejected line, or a note on an imported one (`note` true): line number, reason, the line. */
  reject: (line: number, reason: Reason, text: string, note: boolean) => void;
  progress?: (state: { rows: number; position: number; size: number }) => void;
  /**
   * After a large import, merge the text indexes' pending entries and refresh the planner's
   * statistics, so searches are fast at once. Needs the table's owner (the command line).
   */
  maintain?: boolean;
  /** Told of every organisation the file holds (an upload links them to its municipality). */
  seen?: (orgNumber: string) => void;
  /** Stops (as a crash would) after this many committed batches: for tests of an interrupted import. */
  stopAfterBatches?: number;
}

export interface ImportSummary {
  runId: string;
  source: ImportSource;
  encoding: TextEncoding | null;
  zipped: boolean;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  notes: number;
  missing: number;
  seconds: number;
}

export class ImportInterrupted extends Error {}

interface Pending {
  record: CompanyRecord;
  line: number;
  text: string;
}

/**
 * Imports a company file into the national register: streamed line by line, merged in
 * batches, each batch one transaction that inserts new organisations and updates only
 * those whose facts changed, so a second import of the same file changes nothing. An
 * interrupted import leaves whole batches; running it again ends in the same state.
 * Organisations a complete register file no longer lists are marked missing from that
 * source at the end, never deleted.
 */
export async function importCompanies(db: Db, path: string, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const file = await openSourceFile(path);
  let encoding: TextEncoding | null = null;
  const lines = readLines(file.stream, (detected) => {
    encoding = detected;
  });
  try {
    const header = await lines.next();
    if (header.done) {
      throw new EmptyFileError();
    }
    const format = detectFormat(header.value.text);
    const runId = newId();
    // An interrupted run of the same source left what it had seen; running again starts afresh.
    await db.deleteFrom("company_import_seen").where("run_id", "in", db.selectFrom("company_import_runs").select("id").where("source", "=", format.source).where("finished_at", "is", null)).execute();
    await db.insertInto("company_import_runs").values({ id: runId, source: format.source, file_name: options.fileName, municipality_id: options.municipalityId ?? null }).execute();
    const counts = { lines: 1, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, notes: 0, missing: 0 };
    const batchSize = options.batchSize ?? 5000;
    let batch = new Map<string, Pending>();
    let batches = 0;
    const flush = async () => {
      if (batch.size === 0) {
        return;
      }
      const result = await mergeBatch(db, runId, format, [...batch.values()]);
      for (const duplicate of result.duplicates) {
        counts.rejected += 1;
        options.reject(duplicate.line, { code: "duplicate" }, duplicate.text, false);
      }
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += batch.size - result.duplicates.length - result.inserted - result.updated;
      batch = new Map();
      batches += 1;
      options.progress?.({ rows: counts.lines, position: file.position(), size: file.size });
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        throw new ImportInterrupted(`Stopped after ${batches} batches.`);
      }
    };
    for await (const line of lines) {
      counts.lines += 1;
      if (line.text.trim() === "") {
        continue;
      }
      const parsed = format.parse(line.text);
      if (parsed.kind === "reject") {
        counts.rejected += 1;
        options.reject(line.number, parsed.reason, line.text, false);
        continue;
      }
      if (parsed.kind === "skip") {
        counts.skipped += 1;
        continue;
      }
      for (const note of parsed.notes) {
        counts.notes += 1;
        options.reject(line.number, note, line.text, true);
      }
      if (batch.has(parsed.record.org_number)) {
        counts.rejected += 1;
        options.reject(line.number, { code: "duplicate" }, line.text, false);
        continue;
      }
      batch.set(parsed.record.org_number, { record: parsed.record, line: line.number, text: line.text });
      options.seen?.(parsed.record.org_number);
      if (batch.size >= batchSize) {
        await flush();
      }
    }
    await flush();
    if (options.markMissing ?? (format.complete && !options.municipalityId)) {
      counts.missing = await markMissing(db, runId, format.source);
    }
    await db.deleteFrom("company_import_seen").where("run_id", "=", runId).execute();
    if (options.maintain && counts.inserted + counts.updated + counts.missing > 0) {
      for (const index of ["companies_search_vector", "companies_search_text", "companies_industry_keys"]) {
        await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
      }
      await sql`analyze companies`.execute(db);
    }
    const summary: ImportSummary = { runId, source: format.source, encoding, zipped: file.zipped, ...counts, seconds: (performance.now() - started) / 1000 };
    await db.updateTable("company_import_runs").set({ finished_at: new Date(), counts: JSON.stringify(counts) }).where("id", "=", runId).execute();
    return summary;
  } finally {
    file.close();
  }
}

export class EmptyFileError extends AppError {
  constructor() {
    super(400, "import_empty", "The file is empty.");
  }
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

async function mergeBatch(db: Db, runId: string, format: ImportFormat, pending: Pending[]) {
  return db.transaction().execute(async (tx) => {
    // An organisation seen earlier in this run (an earlier batch) is a duplicate line.
    const fresh = await sql<{ org_number: string }>`
      insert into company_import_seen (run_id, org_number)
      select ${runId}::uuid, unnest(${pending.map((item) => item.record.org_number)}::text[])
      on conflict do nothing
      returning org_number`.execute(tx);
    const firstSeen = new Set(fresh.rows.map((row) => row.org_number));
    const rows = pending.filter((item) => firstSeen.has(item.record.org_number));
    const duplicates = pending.filter((item) => !firstSeen.has(item.record.org_number));
    if (rows.length === 0) {
      return { inserted: 0, updated: 0, duplicates };
    }
    const columns = format.columns.filter((column) => column !== "is_person");
    const withIndustries = columns.includes("industries");
    const arrays = [
      rows.map(() => newId()),
      rows.map((item) => item.record.org_number),
      rows.map((item) => asText(item.record.is_person)),
      ...columns.map((column) => rows.map((item) => asText(item.record[column]))),
      ...(withIndustries ? [rows.map((item) => industryKeys(item.record.industries).join(" ")), rows.map((item) => industryText(item.record.industries))] : []),
    ];
    const names = ["id", "org_number", "is_person", ...columns, ...(withIndustries ? ["industry_keys", "industry_text"] : [])];
    const casts: Record<string, string> = { ...columnType, id: "uuid", industry_keys: "text[]", industry_text: "text" };
    const selected = names.map((name) => (name === "industry_keys" ? sql.raw(`string_to_array(u.industry_keys, ' ')`) : sql.raw(`u.${name}::${casts[name]}`)));
    // A complete register speaks for its columns; an own list only fills in what it has.
    const complete = format.complete;
    const incoming = (name: string) => {
      if (complete) {
        return sql.raw(`excluded.${name}`);
      }
      return name === "industries" ? sql.raw(`case when excluded.industries = '[]'::jsonb then c.industries else excluded.industries end`) : name === "industry_keys" ? sql.raw(`case when excluded.industries = '[]'::jsonb then c.industry_keys else excluded.industry_keys end`) : name === "industry_text" ? sql.raw(`case when excluded.industries = '[]'::jsonb then c.industry_text else excluded.industry_text end`) : sql.raw(`coalesce(excluded.${name}, c.${name})`);
    };
    const updated = names.filter((name) => name !== "id" && name !== "org_number");
    const source = format.source;
    const result = await sql<{ inserted: boolean }>`
      insert into companies as c (${sql.join(names.map((name) => sql.id(name)))}, sources)
      select ${sql.join(selected)}, array[${source}]::text[]
      from unnest(${sql.join(arrays.map((values) => sql`${values}::text[]`))}) as u(${sql.join(names.map((name) => sql.id(name)))})
      on conflict (org_number) do update set
        ${sql.join(updated.map((name) => sql`${sql.id(name)} = ${incoming(name)}`))},
        sources = case when ${source} = any(c.sources) then c.sources else c.sources || ${source}::text end,
        missing_from = array_remove(c.missing_from, ${source}::text),
        updated_at = now()
      where (${sql.join(updated.map((name) => sql.raw(`c.${name}`)))}) is distinct from (${sql.join(updated.map(incoming))})
        or not (${source} = any(c.sources))
        or ${source} = any(c.missing_from)
      returning (xmax = 0) as inserted`.execute(tx);
    const inserted = result.rows.filter((row) => row.inserted).length;
    return { inserted, updated: result.rows.length - inserted, duplicates };
  });
}

/** Marks the organisations of a source that its latest complete file no longer lists. */
async function markMissing(db: Db, runId: string, source: ImportSource): Promise<number> {
  const result = await sql`
      update companies c set missing_from = c.missing_from || ${source}::text, updated_at = now()
      where ${source} = any(c.sources) and not (${source} = any(c.missing_from))
        and not exists (select 1 from company_import_seen s where s.run_id = ${runId} and s.org_number = c.org_number)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
