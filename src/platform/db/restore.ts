import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { readBackup } from "./backup-format.js";
import { tableShapes } from "./backup.js";

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
}

/** Thrown when a backup cannot go into this database; the message says why in words. */
export class RestoreRefused extends Error {}

/**
 * Restores a backup into an empty installation whose schema is at the backup's migrations
 * (`migrateTo` brings a new database there first). All tables are written in one
 * transaction, in an order where referenced rows come first; row-level security and the
 * tables' own triggers are lifted for the owner inside that transaction only (COPY cannot
 * write under row-level security, and a trigger would derive rows the backup already has)
 * and are back before it commits, so nobody ever sees the tables without them. Stored files go back
 * into the data folder. A database with a municipality in it is refused: a restore never
 * mixes two installations.
 */
export async function restoreInstallation(ownerUrl: string, dataDir: string, file: string, migrations: readonly string[]): Promise<RestoreResult> {
  const { header, parts } = await readBackup(file);
  if (header.migrations.join("\n") !== migrations.join("\n")) {
    throw new RestoreRefused(
      `the database is at migration ${migrations.at(-1) ?? "none"}, the backup at ${header.migrations.at(-1) ?? "none"}: restore into a new database`,
    );
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let rows = 0;
  let tables = 0;
  let files = 0;
  try {
    await client.query("begin");
    const present = await client.query<{ count: string }>("select count(*) as count from municipalities");
    if (Number(present.rows[0]!.count) > 0) {
      throw new RestoreRefused(`the database already has ${present.rows[0]!.count} municipalities: restore into a new, empty installation`);
    }
    const shapes = await tableShapes(client);
    const known = new Map(shapes.map((shape) => [shape.name, shape]));
    const secured = shapes.filter((shape) => shape.secured).map((shape) => client.escapeIdentifier(shape.name));
    // Reference data a migration put in (regions) comes back from the backup, as it was there.
    await client.query(`truncate ${shapes.map((shape) => client.escapeIdentifier(shape.name)).join(", ")}`);
    for (const table of secured) {
      await client.query(`alter table ${table} no force row level security`);
    }
    // The rows come back as they were: triggers that derive rows (a municipality's hosts) would write them twice.
    const all = shapes.map((shape) => client.escapeIdentifier(shape.name));
    for (const table of all) {
      await client.query(`alter table ${table} disable trigger user`);
    }
    for await (const part of parts) {
      if (part.kind === "file") {
        const target = path.resolve(dataDir, part.path);
        if (!target.startsWith(path.resolve(dataDir) + path.sep)) {
          throw new RestoreRefused(`the backup names a file outside the data folder: ${part.path}`);
        }
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, await part.content(), { mode: 0o600 });
        files += 1;
        continue;
      }
      if (!known.has(part.name)) {
        throw new RestoreRefused(`the backup has a table this database lacks: ${part.name}`);
      }
      const columns = part.columns.map((column) => client.escapeIdentifier(column)).join(", ");
      const copy = client.query(copyFrom(`copy ${client.escapeIdentifier(part.name)} (${columns}) from stdin`));
      await pipeline(
        Readable.from(
          (async function* () {
            for await (const row of part.rows) {
              rows += 1;
              yield `${row}\n`;
            }
          })(),
        ),
        copy,
      );
      tables += 1;
    }
    for (const table of all) {
      await client.query(`alter table ${table} enable trigger user`);
    }
    for (const table of secured) {
      await client.query(`alter table ${table} force row level security`);
    }
    await client.query("commit");
    return { tables, rows, files };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
