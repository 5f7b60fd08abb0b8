import { sql, type Insertable } from "kysely";
import type { Db } from "../../../platform/db/database.js";
import type { ImportRunTable, ImportSource } from "../tables.js";
import type { CompanyRecord } from "./record.js";

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
 * not, none can go missing from it, and every organisation of the source the run meets in the
 * register is the run's own.
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

/** Marks the organisations of a source that its latest complete file no longer lists. */
export async function markMissing(db: Db, runId: string, source: ImportSource): Promise<number> {
  const result = await sql`
      update companies c set missing_from = c.missing_from || ${source}::text, updated_at = now()
      where ${source} = any(c.sources) and not (${source} = any(c.missing_from))
        and not exists (select 1 from company_import_seen s where s.run_id = ${runId} and s.org_number = c.org_number)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
