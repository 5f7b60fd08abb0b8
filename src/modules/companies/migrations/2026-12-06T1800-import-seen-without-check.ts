import { sql, type Kysely } from "kysely";

/**
 * The import's bookkeeping of organisations seen in a run loses its foreign key to the run:
 * the check ran once for each of the country's organisations (a trigger per row, as much time
 * as the merge itself), and nothing relies on it. A run's rows are cleared by the import when
 * the run starts again or finishes, and runs are never deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table company_import_seen drop constraint if exists company_import_seen_run_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table company_import_seen
      add constraint company_import_seen_run_id_fkey foreign key (run_id) references company_import_runs(id) on delete cascade`.execute(db);
}
