import type { Db } from "../../../platform/db/database.js";
import { newId } from "../../../platform/ids.js";
import { AppError } from "../../../platform/errors.js";
import type { ImportSource } from "../tables.js";
import { detectFormat } from "./formats.js";
import type { Reason } from "./record.js";
import { mergeBatch, registerRows } from "./merge-repo.js";
import * as repo from "./repo.js";
import type { Pending } from "./repo.js";
import { openSourceFile, readLines, type TextEncoding, type ZipLimits } from "./source-file.js";

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
  /** The sources this import may write (a municipality's upload: its own list only); any when unset. */
  allowedSources?: ImportSource[];
  /** How far a zip may unpack. */
  zipLimits?: ZipLimits;
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
  /** Where the seconds went: batches merged (beyond reading), missing marked, the run closed, indexes refreshed. */
  phases: { merge: number; missing: number; finish: number; maintain: number };
}

export class ImportInterrupted extends Error {}

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
  const file = await openSourceFile(path, options.zipLimits);
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
    if (options.allowedSources && !options.allowedSources.includes(format.source)) {
      throw new NationalFormatError();
    }
    const runId = newId();
    const { sourceHadOrganisations } = await repo.startRun(db, {
      id: runId,
      source: format.source,
      file_name: options.fileName,
      municipality_id: options.municipalityId ?? null,
    });
    const counts = { lines: 1, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, notes: 0, missing: 0 };
    const phases = { merge: 0, missing: 0, finish: 0, maintain: 0 };
    const timed = async <T>(phase: keyof typeof phases, work: () => Promise<T>): Promise<T> => {
      const at = performance.now();
      try {
        return await work();
      } finally {
        phases[phase] += (performance.now() - at) / 1000;
      }
    };
    const batchSize = options.batchSize ?? 5000;
    let batch = new Map<string, Pending>();
    let batches = 0;
    const merge = async (pending: Map<string, Pending>, made: Map<Pending, string> | undefined) => {
      const result = await mergeBatch(db, runId, format, [...pending.values()], { sourceIsNew: !sourceHadOrganisations, made });
      if (!options.maintain) {
        // A large import rebuilds the vocabulary once at the end; a small one adds as it goes.
        await repo.addLexemes(db, [...pending.keys()]);
      }
      for (const duplicate of result.duplicates) {
        counts.rejected += 1;
        options.reject(duplicate.line, { code: "duplicate" }, duplicate.text, false);
      }
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += pending.size - result.duplicates.length - result.inserted - result.updated;
      batches += 1;
      options.progress?.({ rows: counts.lines, position: file.position(), size: file.size });
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        throw new ImportInterrupted(`Stopped after ${batches} batches.`);
      }
    };
    // One batch merges while the next is read and parsed: PostgreSQL and this process work
    // at the same time. Merges still run one after another, in the file's order.
    let inFlight: Promise<void> | null = null;
    const flush = async () => {
      if (batch.size === 0) {
        return;
      }
      const current = batch;
      batch = new Map();
      // A source new to the register: every row goes in new, its COPY line made while the previous batch is in the database.
      const made = !sourceHadOrganisations ? registerRows(format, [...current.values()]) : undefined;
      if (inFlight) {
        await timed("merge", () => inFlight!);
      }
      inFlight = merge(current, made);
      inFlight.catch(() => {}); // handled where it is awaited; this keeps it from counting as unhandled meanwhile
    };
    for await (const line of lines) {
      counts.lines += 1;
      if (counts.lines % linesBetweenTurns === 0) {
        await nextTurn();
      }
      if (line.problem) {
        counts.rejected += 1;
        options.reject(line.number, { code: line.problem }, line.text, false);
        continue;
      }
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
    if (inFlight) {
      await timed("merge", () => inFlight!);
    }
    // A source new to the register has nothing that could have gone missing from it.
    if (sourceHadOrganisations && (options.markMissing ?? (format.complete && !options.municipalityId))) {
      counts.missing = await timed("missing", () => repo.markMissing(db, runId, format.source));
    }
    await timed("finish", () => repo.finishRun(db, runId, counts));
    if (options.maintain && counts.inserted + counts.updated + counts.missing > 0) {
      await timed("maintain", () => repo.refreshSearchIndexes(db));
    }
    const seconds = (performance.now() - started) / 1000;
    const summary: ImportSummary = { runId, source: format.source, encoding, zipped: file.zipped, ...counts, seconds, phases };
    return summary;
  } finally {
    file.close();
  }
}

/**
 * Reading buffered lines never leaves the event loop on its own, and the merge under way
 * needs the loop's turns: its connection, each statement's reply. Without one every few
 * hundred lines, the next batch reached PostgreSQL only when the one after had been parsed,
 * and the database sat idle meanwhile.
 */
const linesBetweenTurns = 256;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export class NationalFormatError extends AppError {
  constructor() {
    super(400, "companies.import_national_format", "Bolagsverket's and SCB's files are read in by the command line or a system administrator.");
  }
}

export class EmptyFileError extends AppError {
  constructor() {
    super(400, "companies.import_empty", "The file is empty.");
  }
}
