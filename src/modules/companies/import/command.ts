import { constants, createWriteStream } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../../platform/db/database.js";
import { AppError } from "../../../platform/errors.js";
import { translator, type MessageKey } from "../../../platform/ui/i18n.js";
import { importCompanies, type ImportSummary } from "./importer.js";

const translate = translator("en");
const english = (key: string, values?: Record<string, string | number>) => translate(key as MessageKey, values);

type Log = (message: string) => void;

/**
 * `lotsen import companies FILE`: the import with a progress line (rows per second and
 * time left) on standard error, rejects written beside the input file (`FILE.rejects.csv`,
 * once the input is found to exist), and a summary.
 */
export async function importCompaniesCommand(
  db: Db,
  file: string,
  options: { rejects?: string | undefined; partial?: boolean | undefined },
  log: Log,
): Promise<ImportSummary> {
  await access(file, constants.R_OK).catch(() => {
    throw new AppError(400, "import_missing", `there is no file ${file}, or it cannot be read`);
  });
  const rejectsPath = options.rejects ?? rejectsPathFor(file);
  const rejects = createWriteStream(rejectsPath);
  rejects.write(stringify([["line", "reason", "content"]], { delimiter: ";" }));
  const started = performance.now();
  let lastShown = 0;
  const interactive = process.stderr.isTTY;
  try {
    const summary = await importCompanies(db, file, {
      fileName: path.basename(file),
      maintain: true,
      ...(options.partial ? { markMissing: false } : {}),
      reject: (line, reason, text, note) =>
        rejects.write(
          stringify([[line, `${note ? "note: " : ""}${english(`companies.reject.${reason.code}`, reason.values)}`, text.slice(0, 500)]], { delimiter: ";" }),
        ),
      progress: ({ rows, position, size }) => {
        const now = performance.now();
        if (now - lastShown < (interactive ? 250 : 5000)) {
          return;
        }
        lastShown = now;
        log(progressLine(rows, position, size, (now - started) / 1000) + (interactive ? "\u001b[1A" : ""));
      },
    });
    log(progressLine(summary.lines, 1, 1, summary.seconds));
    log(
      [
        `Imported ${file} (${summary.source}${summary.zipped ? ", zipped" : ""}, ${summary.encoding ?? "empty"}) in ${summary.seconds.toFixed(1)} s:`,
        `  ${summary.lines} lines; ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged,`,
        `  ${summary.skipped} skipped (further business names), ${summary.rejected} rejected, ${summary.notes} notes, ${summary.missing} marked missing from ${summary.source}.`,
        summary.rejected + summary.notes > 0 ? `  Rejected rows and notes, with line numbers: ${rejectsPath}` : `  No rejected rows.`,
      ].join("\n"),
    );
    return summary;
  } finally {
    await new Promise((resolve) => rejects.end(resolve));
  }
}

/** `data/bolagsverket_bulkfil.zip` → `data/bolagsverket_bulkfil.rejects.csv`: beside the input. */
export function rejectsPathFor(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.(zip|txt|csv)$/i, "")}.rejects.csv`);
}

/** `[#######-------------]  35 %  120 000 rows  41 000 rows/s  about 1 min left` */
export function progressLine(rows: number, position: number, size: number, seconds: number): string {
  const share = size > 0 ? Math.min(position / size, 1) : 0;
  const width = 24;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? rows / seconds : 0;
  const left = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
  const eta = Number.isFinite(left) ? (left >= 90 ? `about ${Math.round(left / 60)} min left` : `about ${Math.round(left)} s left`) : "";
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ${rows.toLocaleString("sv-SE")} rows  ${Math.round(rate).toLocaleString("sv-SE")} rows/s  ${eta}`;
}
