/**
 * One measured step of the register benchmark, in its own process so that its peak
 * memory is its own: `import FILE` (Lotsen's importer) or `copy FILE` (the baseline:
 * PostgreSQL's COPY of the same rows, prepared beforehand, into a table with the same
 * indexes). Prints one JSON line: seconds, peak RSS overall and over the first quarter.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDb } from "../src/platform/db/database.js";
import { importCompanies } from "../src/modules/companies/import/importer.js";

const [mode, file, url] = process.argv.slice(2) as [string, string, string];
let peak = 0;
let peakAtQuarter = 0;
let quarterPassed = false;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
  if (!quarterPassed) {
    peakAtQuarter = peak;
  }
};
const timer = setInterval(sample, 200);
const started = performance.now();
let summary: unknown = null;
if (mode === "import") {
  const db = createDb(url, 4);
  summary = await importCompanies(db, file, {
    fileName: "bench",
    maintain: true,
    reject: () => {},
    progress: ({ position, size }) => {
      sample();
      quarterPassed ||= position >= size / 4;
    },
  });
  await db.destroy();
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const total = (await import("node:fs")).statSync(file).size;
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.on("data", () => {
    quarterPassed ||= input.bytesRead >= total / 4;
  });
  await pipeline(
    input,
    client.query(
      copyFrom(
        "copy companies_copy_baseline (id, org_number, is_person, name, legal_form_token, status, registered_on, deregistered_on, deregistration_reason, street, care_of, postcode, town, description, sources) from stdin",
      ),
    ),
  );
  await client.end();
}
sample();
clearInterval(timer);
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak / 1048576), peakRssFirstQuarterMb: Math.round(peakAtQuarter / 1048576), summary })}\n`,
);
process.exit(0);
