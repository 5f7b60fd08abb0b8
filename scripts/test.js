// npm test: finds Chromium (installs it with apt when root and missing), runs the whole
// suite with Vitest, and ends with one line "N passed, N failed" from Vitest's JSON report.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((file) => existsSync(file));
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    process.stderr.write("Chromium is missing; installing it with apt-get (the browser tests need it)…\n");
    execFileSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    chromium = findChromium();
  }
  if (!chromium) {
    process.stderr.write("The browser tests need Chromium. Install it with:\n  sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.\n");
    process.exit(1);
  }
}

rmSync("test-results/vitest.json", { force: true });
rmSync("test-results/processes-left.txt", { force: true });
const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
let passed = 0;
let failed = 0;
if (existsSync("test-results/vitest.json")) {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A file that fails to load has no failed test of its own; count it, so nothing fails silently.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === "failed" && (file.assertionResults ?? []).every((test) => test.status !== "failed"),
  ).length;
  failed += brokenFiles;
}
// A process a test started and left running is a failure of the run (see test/global-setup.ts).
if (existsSync("test-results/processes-left.txt")) {
  process.stderr.write(readFileSync("test-results/processes-left.txt", "utf8"));
  failed += 1;
}
const status = failed > 0 && (result.status ?? 1) === 0 ? 1 : (result.status ?? 1);
if (status !== 0 && failed === 0) {
  failed = 1;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(status);
