import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { BackupWriter, magic, type BackupHeader } from "./backup-format.js";

/** A table as the backup sees it: its columns (generated ones left out) and whether rows belong to municipalities. */
export interface TableShape {
  name: string;
  columns: string[];
  /** Row-level security on: read per municipality, as the policies allow. */
  secured: boolean;
  /** The municipality column may be empty (installation-wide mail and jobs): read those rows as the worker. */
  installationRows: boolean;
  /** Rows belong to a region, not a municipality (its accounts and their log): read per region. */
  regionRows: boolean;
}

/** The tables Lotsen's migrations made, in an order where each comes after the tables it references. */
export async function tableShapes(client: pg.ClientBase): Promise<TableShape[]> {
  const tables = await client.query<{ name: string; secured: boolean; columns: string[]; nullable: boolean; regional: boolean }>(`
    select c.relname as name, c.relrowsecurity as secured,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum) as columns,
      coalesce((select not a.attnotnull from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_id'), false) as nullable,
      not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_id' and not a.attisdropped)
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'region_id' and not a.attisdropped) as regional
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not in ('schema_migrations', 'schema_migrations_lock')
    order by c.relname`);
  const references = await client.query<{ child: string; parent: string }>(`
    select distinct k.relname as child, p.relname as parent
    from pg_constraint f join pg_class k on k.oid = f.conrelid join pg_class p on p.oid = f.confrelid join pg_namespace n on n.oid = k.relnamespace
    where f.contype = 'f' and n.nspname = 'public' and k.oid <> p.oid`);
  const parents = new Map<string, string[]>();
  for (const { child, parent } of references.rows) {
    parents.set(child, [...(parents.get(child) ?? []), parent]);
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(tables.rows.map((row) => [row.name, row]));
  const place = (name: string) => {
    if (placed.has(name) || !byName.has(name)) {
      return;
    }
    if (visiting.has(name)) {
      throw new Error(`the tables ${[...visiting].join(", ")} reference one another in a circle`);
    }
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) {
      place(parent);
    }
    visiting.delete(name);
    placed.add(name);
    const row = byName.get(name)!;
    ordered.push({ name, columns: row.columns, secured: row.secured, installationRows: row.nullable, regionRows: row.secured && row.regional });
  };
  tables.rows.forEach((row) => place(row.name));
  return ordered;
}

export interface BackupResult {
  tables: number;
  rows: number;
  files: number;
}

const quoted = (client: pg.ClientBase, names: readonly string[]) => names.map((name) => client.escapeIdentifier(name)).join(", ");

/**
 * Writes the whole installation to one file while Lotsen runs: every table read in one
 * repeatable-read snapshot (what was committed when the backup began, nothing after), the
 * rows of each municipality under its own setting so row-level security lets the owner see
 * them, and the data folder's stored files (mail written as files, the kept secret that
 * signs every link). `afterSnapshot` runs once the snapshot is taken (a test writes then).
 */
export async function backupInstallation(
  ownerUrl: string,
  dataDir: string,
  file: string,
  options: { afterSnapshot?: () => Promise<void> } = {},
): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const writer = new BackupWriter(file);
  let rows = 0;
  try {
    await client.query("begin isolation level repeatable read read only");
    const migrations = (await client.query<{ name: string }>("select name from schema_migrations order by name")).rows.map((row) => row.name);
    await options.afterSnapshot?.();
    const municipalities = (await client.query<{ id: string }>("select id from municipalities order by id")).rows.map((row) => row.id);
    const regions = (await client.query<{ id: string }>("select id from regions order by id")).rows.map((row) => row.id);
    const header: BackupHeader = { format: "lotsen-backup/1", made_at: new Date().toISOString(), migrations };
    await writer.line(magic);
    await writer.line(JSON.stringify(header));
    const shapes = await tableShapes(client);
    for (const table of shapes) {
      await writer.line(`TABLE ${table.name} ${JSON.stringify(table.columns)}`);
      const select = `select ${quoted(client, table.columns)} from ${client.escapeIdentifier(table.name)}`;
      const reads: Array<{ where: string; municipality: string; worker: string; region: string }> = table.regionRows
        ? regions.map((id) => ({ where: `where region_id = ${client.escapeLiteral(id)}`, municipality: "", worker: "", region: id }))
        : table.secured
          ? [
              ...municipalities.map((id) => ({ where: `where municipality_id = ${client.escapeLiteral(id)}`, municipality: id, worker: "", region: "" })),
              ...(table.installationRows ? [{ where: "where municipality_id is null", municipality: "", worker: "on", region: "" }] : []),
            ]
          : [{ where: "", municipality: "", worker: "", region: "" }];
      for (const read of reads) {
        await client.query("select set_config('app.municipality', $1, true), set_config('app.worker', $2, true), set_config('app.region', $3, true)", [
          read.municipality,
          read.worker,
          read.region,
        ]);
        // COPY takes no parameters: the municipality's id is in the clause as an escaped literal.
        const copy = client.query(copyTo(`copy (${select} ${read.where} order by 1) to stdout`));
        await pipeline(
          copy,
          countLines((count) => (rows += count)),
          writer.stream,
          { end: false },
        );
      }
      await writer.line("\\.");
    }
    await client.query("commit");
    let files = 0;
    for (const relative of storedFiles(dataDir)) {
      await writer.file(relative, readFileSync(path.join(dataDir, relative)));
      files += 1;
    }
    await writer.close();
    return { tables: shapes.length, rows, files };
  } finally {
    await client.end();
  }
}

/** The files of the data folder a restore needs: the kept secret and mail written as files. */
export function storedFiles(dataDir: string): string[] {
  const found: string[] = [];
  if (existsSync(path.join(dataDir, "secret"))) {
    found.push("secret");
  }
  const walk = (relative: string) => {
    const folder = path.join(dataDir, relative);
    if (!existsSync(folder)) {
      return;
    }
    for (const entry of readdirSync(folder).sort()) {
      const child = path.join(relative, entry);
      if (statSync(path.join(dataDir, child)).isDirectory()) {
        walk(child);
      } else {
        found.push(child.split(path.sep).join("/"));
      }
    }
  };
  walk("mail");
  return found;
}

/** A pass-through that counts the lines (rows) of COPY text going by. */
function countLines(add: (count: number) => void) {
  return async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      let count = 0;
      for (const byte of chunk) {
        if (byte === 10) {
          count += 1;
        }
      }
      add(count);
      yield chunk;
    }
  };
}
