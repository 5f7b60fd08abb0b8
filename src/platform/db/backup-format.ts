import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";

/**
 * The backup file: one gzip stream of lines. A header, then each table as its column list
 * and PostgreSQL's own COPY text (one row a line, `\.` ending it), then each stored file in
 * base64, then `END`. COPY's text form carries every type exactly (bytea, arrays, time
 * zones), a row never spans lines, and the file reads back table by table without holding
 * one in memory.
 */
export const magic = "LOTSEN-BACKUP 1";

export interface BackupHeader {
  format: "lotsen-backup/1";
  made_at: string;
  /** The migrations the database had, in order: a restore brings an empty database to exactly these first. */
  migrations: string[];
}

export class BackupWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<unknown>;

  constructor(file: string) {
    const out = createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(out);
    this.done = once(out, "finish");
  }

  /** The stream a table's COPY data goes into; the caller pipes and ends it before the next line. */
  get stream(): Writable {
    return this.gzip;
  }

  async line(text: string): Promise<void> {
    if (!this.gzip.write(`${text}\n`)) {
      await once(this.gzip, "drain");
    }
  }

  async file(relative: string, content: Buffer): Promise<void> {
    await this.line(`FILE ${JSON.stringify(relative)}`);
    const text = content.toString("base64");
    for (let at = 0; at < text.length; at += 76) {
      await this.line(text.slice(at, at + 76));
    }
    await this.line("\\.");
  }

  async close(): Promise<void> {
    await this.line("END");
    this.gzip.end();
    await this.done;
  }
}

export type BackupPart =
  { kind: "table"; name: string; columns: string[]; rows: AsyncIterable<string> } | { kind: "file"; path: string; content: () => Promise<Buffer> };

/**
 * Reads a backup: the header first, then its parts in order. A table's rows must be read
 * (or drained) before the next part; a truncated or foreign file is an error naming what is wrong.
 */
export async function readBackup(file: string): Promise<{ header: BackupHeader; parts: AsyncGenerator<BackupPart> }> {
  const input: Readable = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) {
      throw new Error("the backup file ends too early: it is not whole");
    }
    return value;
  };
  const first = await next().catch(() => "");
  if (first !== magic) {
    throw new Error("the file is not a Lotsen backup");
  }
  const header = JSON.parse(await next()) as BackupHeader;
  async function* until(): AsyncGenerator<string> {
    for (;;) {
      const line = await next();
      if (line === "\\.") {
        return;
      }
      yield line;
    }
  }
  async function* parts(): AsyncGenerator<BackupPart> {
    for (;;) {
      const line = await next();
      if (line === "END") {
        return;
      }
      const table = /^TABLE (\S+) (\[.*\])$/.exec(line);
      if (table) {
        const rows = until();
        yield { kind: "table", name: table[1]!, columns: JSON.parse(table[2]!) as string[], rows };
        // Whatever the reader left of the table is read past.
        for await (const _row of rows) {
          // drained
        }
        continue;
      }
      const stored = /^FILE (".*")$/.exec(line);
      if (stored) {
        const chunks: string[] = [];
        for await (const chunk of until()) {
          chunks.push(chunk);
        }
        yield { kind: "file", path: JSON.parse(stored[1]!) as string, content: async () => Buffer.from(chunks.join(""), "base64") };
        continue;
      }
      throw new Error(`the backup file has a line it does not expect: ${line.slice(0, 40)}`);
    }
  }
  return { header, parts: parts() };
}
