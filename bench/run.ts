/**
 * npm run bench [-- --quick]: measures Lotsen under load. The server runs in this process;
 * the load generator (autocannon, 20 connections) runs in its own process. Each figure is
 * given as a ratio to the bare handler and to the database floor (one scoped transaction)
 * measured in the same run, so results compare across machines; workloads with a goal say
 * whether they meet it. Writes bench/reports/<time>.json.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/platform/db/embedded.js";
import { createDb, inScope, type Db } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import { appRoleName, derivedPassword, ensureAppRole, ensureOwnerAndDatabase, withCredentials } from "../src/platform/db/roles.js";
import { demoRegion, seedDemoContent, seedInstallation } from "../src/seed.js";
import { createRegionalAccount } from "../src/platform/regions/service.js";
import { noInput } from "../src/platform/http/forms.js";
import { createServer } from "../src/server.js";
import * as auth from "../src/platform/auth/service.js";
import { systemActor } from "../src/platform/auth/roles.js";
import { orgNumber } from "../test/helpers/company-files.js";
import { writeCopyFile, writeRegisterFile } from "./register-file.js";
import { generateDeskData } from "./desk-data.js";
import { generateSurveyData } from "./survey-data.js";
import { generateSkillsData } from "./skills-data.js";
import { refreshFigures } from "../src/modules/region/service.js";
import { lotsenModules } from "../src/modules/index.js";
import { gatherContributions } from "../src/platform/module.js";
import { listMunicipalities } from "../src/platform/tenancy/repo.js";
import { measureCampaign } from "./campaign.js";
import { measurePageWeight } from "./page-weight.js";
import { Profiler, type TopFrame } from "./profile.js";
import { BackgroundWatch, type Background } from "./background.js";
import { generate } from "otplib";

const quick = process.argv.includes("--quick");
// --only <text>: run the baseline, the floor and the workloads whose name contains the text (for profiling one).
const only = process.argv.includes("--only") ? (process.argv[process.argv.indexOf("--only") + 1] ?? "") : undefined;
// --profile: a CPU profile of the server during each workload, written beside the report, its top frames printed.
const profiling = process.argv.includes("--profile");
const durationSeconds = quick ? 2 : 10;
const reportStem = path.join("bench/reports", new Date().toISOString().replace(/[:.]/g, "-"));
// --register-rows N: organisations in the generated national register (the whole country by default).
const registerRows = process.argv.includes("--register-rows") ? Number(process.argv[process.argv.indexOf("--register-rows") + 1]) : quick ? 30_000 : 3_000_000;
// --desk-cases N: cases in the business desk, over twelve municipalities and five years.
const deskCases = process.argv.includes("--desk-cases") ? Number(process.argv[process.argv.indexOf("--desk-cases") + 1]) : quick ? 50_000 : 1_000_000;
// --survey-answers N: answered satisfaction surveys over the twelve municipalities and three years.
const surveyAnswers = process.argv.includes("--survey-answers") ? Number(process.argv[process.argv.indexOf("--survey-answers") + 1]) : quick ? 20_000 : 200_000;
// --subscribers N: the newsletter campaign's recipients.
const subscribers = process.argv.includes("--subscribers") ? Number(process.argv[process.argv.indexOf("--subscribers") + 1]) : quick ? 5_000 : 100_000;
// --seekers N and --openings N: the skills module's job seekers and published openings, over the twelve municipalities.
const seekerCount = process.argv.includes("--seekers") ? Number(process.argv[process.argv.indexOf("--seekers") + 1]) : quick ? 5_000 : 50_000;
const openingCount = process.argv.includes("--openings") ? Number(process.argv[process.argv.indexOf("--openings") + 1]) : quick ? 1_000 : 10_000;
// --mail-connections 8,16: the SMTP connections each side of the campaign benchmark uses, one pair of rows per count.
const mailConnections = (
  process.argv.includes("--mail-connections") ? (process.argv[process.argv.indexOf("--mail-connections") + 1] ?? "") : quick ? "8" : "8,16"
)
  .split(",")
  .map(Number);
const connections = 20;
const secret = "bench-secret-bench-secret-bench-secret-0";
const require = createRequire(import.meta.url);

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time of the Lotsen process per request, in microseconds (the database's is not counted). */
  serverCpuMicros?: number;
  background?: Background;
}

/**
 * The database: the embedded server, or BENCH_DATABASE_URL's. `superuserUrl` is there to
 * write a checkpoint between measured steps (the owner may not), so no step pays for the
 * pages the step before left dirty; unset for BENCH_DATABASE_URL unless BENCH_SUPERUSER_URL says.
 */
async function database(): Promise<{ ownerUrl: string; superuserUrl?: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    return { ownerUrl: process.env.BENCH_DATABASE_URL, superuserUrl: process.env.BENCH_SUPERUSER_URL, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(mkdtempSync(path.join(os.tmpdir(), "lotsen-bench-")), () => {}, { ephemeral: true });
  await ensureOwnerAndDatabase(server.superuserUrl("postgres"), "lotsen_bench", "lotsen_bench", "lotsen_bench");
  return {
    ownerUrl: withCredentials(server.superuserUrl("lotsen_bench"), "lotsen_bench", "lotsen_bench"),
    superuserUrl: server.superuserUrl("lotsen_bench"),
    stop: server.stop,
  };
}

/** Writes every dirty page out, so the next measured step starts from the same clean state; says so when it cannot. */
async function checkpoint(superuserUrl: string | undefined): Promise<void> {
  if (!superuserUrl) {
    console.error("No superuser URL: no checkpoint between the register's steps.");
    return;
  }
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query("checkpoint");
  } finally {
    await client.end();
  }
}

/**
 * Vacuums and analyzes every table, then writes a checkpoint: the state the loaded
 * database would be in after its nightly maintenance. Without it, autovacuum of the
 * freshly loaded register and outbox may or may not fall in a workload's ten seconds, and
 * move its ratio from run to run for no reason of Lotsen's.
 */
async function settle(url: string, superuserUrl: string | undefined): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: superuserUrl ?? url });
  await client.connect();
  try {
    await client.query("vacuum (analyze)");
  } finally {
    await client.end();
  }
  await checkpoint(superuserUrl);
  return (performance.now() - started) / 1000;
}

/** The region's nightly job over every municipality of a region, timed. */
async function computeRegionFigures(db: Db): Promise<{ municipalities: number; seconds: number }> {
  const started = performance.now();
  const sources = gatherContributions(lotsenModules).indicatorSources ?? [];
  const members = (await listMunicipalities(db)).filter((municipality) => municipality.region_id !== null);
  for (const municipality of members) {
    await refreshFigures(db, { municipalityId: municipality.id }, sources);
  }
  return { municipalities: members.length, seconds: (performance.now() - started) / 1000 };
}

/** A route for the bench only: the cost of one scoped transaction running `select 1`. */
async function dbFloorRoute(app: FastifyInstance, services: { db: ReturnType<typeof createDb> }): Promise<void> {
  app.get("/bench/db-floor", { config: { access: "public", kind: "api" }, schema: noInput }, async (request) => {
    const municipalityId = request.municipality?.id ?? "";
    await inScope(services.db, { municipalityId }, (tx) => sql`select 1`.execute(tx));
    return { ok: true };
  });
}

function load(url: string, headers: Record<string, string>): Promise<Omit<Result, "name">> {
  const args = [require.resolve("autocannon/autocannon.js"), "-c", String(connections), "-d", String(durationSeconds), "-j"];
  for (const [key, value] of Object.entries(headers)) {
    args.push("-H", `${key}=${value}`);
  }
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) {
        reject(new Error(`autocannon exited ${code}`));
        return;
      }
      const report = JSON.parse(output) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
      resolve({ requestsPerSecond: report.requests.average, p50: report.latency.p50, p99: report.latency.p99, non2xx: report.non2xx, errors: report.errors });
    });
  });
}

async function main(): Promise<void> {
  const { ownerUrl, superuserUrl, stop } = await database();
  const appRole = appRoleName(ownerUrl);
  const appPassword = derivedPassword(secret, appRole);
  await ensureAppRole(ownerUrl, appRole, appPassword);
  const owner = createDb(ownerUrl, 2);
  await migrateToLatest(owner, appRole);
  const db = createDb(withCredentials(ownerUrl, appRole, appPassword), 20);
  const scope = (await seedInstallation(db, { adminEmail: "bench@askersund.se", adminPassword: "bench password 123" }, () => {})) ?? {
    municipalityId: (await db.selectFrom("municipalities").select("id").executeTakeFirstOrThrow()).id,
  };
  // The demo programme: actions, indicators with values, a published follow-up. What a visitor sees.
  await seedDemoContent(db, scope, () => {}, "bench-secret");
  const programmeId = (await inScope(db, scope, (tx) => tx.selectFrom("programmes").select("id").where("status", "=", "adopted").executeTakeFirstOrThrow())).id;
  const adminId = (await auth.findUserIdByEmail(db, scope, "bench@askersund.se")) ?? "";
  const { token } = await auth.createToken({ db, actor: systemActor("bench"), scope }, { name: "bench", days: 1 }, adminId);

  const register =
    only === undefined || "company search".includes(only) || only.includes("register") ? await measureRegister(owner, ownerUrl, superuserUrl) : null;

  const wantsCampaign = only === undefined || only.includes("campaign") || only.includes("newsletter");
  const campaign = wantsCampaign
    ? await measureCampaign(db, withCredentials(ownerUrl, appRole, appPassword), scope, subscribers, mailConnections, secret)
    : null;

  const wantsDesk = only === undefined || "desk inbox dashboard".includes(only) || only.includes("desk") || only.includes("region");
  const desk = wantsDesk ? await generateDeskData(owner, db, scope, deskCases) : null;
  if (desk) {
    console.error(`Generated ${desk.cases} desk cases over 12 municipalities in ${desk.seconds.toFixed(0)} s`);
  }

  // The region's figures: the nightly job over the twelve municipalities, timed, and a regional analyst to read them.
  const region = desk ? await computeRegionFigures(db) : null;
  if (region) {
    console.error(`Computed the region's figures of ${region.municipalities} municipalities in ${region.seconds.toFixed(1)} s`);
    // An account whose home is the region, reading on the region's own host (the demo gave it one).
    const regionId = (await listMunicipalities(db)).find((municipality) => municipality.id === scope.municipalityId)!.region_id!;
    await createRegionalAccount(
      { db, actor: systemActor("bench") },
      regionId,
      { name: "Region (bench)", email: "region@bench.test" },
      { password: "bench password 123" },
    );
  }

  const wantsSurveys = only === undefined || only.includes("NKI") || only.includes("survey");
  const surveys = wantsSurveys ? await generateSurveyData(owner, db, scope, surveyAnswers) : null;
  if (surveys) {
    console.error(`Generated ${surveys.answers} survey answers over 12 municipalities in ${surveys.seconds.toFixed(0)} s`);
  }

  const wantsSkills = only === undefined || only.includes("skills") || only.includes("shortlist");
  const skills = wantsSkills ? await generateSkillsData(owner, db, scope, seekerCount, openingCount) : null;
  if (skills) {
    console.error(`Generated ${skills.seekers} job seekers and ${skills.openings} openings over 12 municipalities in ${skills.seconds.toFixed(0)} s`);
    // Job seekers are read by a labour-market officer only.
    await auth.createUser(
      { db, actor: systemActor("bench"), scope },
      { name: "Arbetsmarknad (bench)", email: "arbetsmarknad@askersund.se", roles: ["labour_market_officer"], unit_ids: [], active: true },
      { password: "bench password 123" },
    );
  }

  console.error(`Vacuumed, analyzed and checkpointed the database in ${(await settle(ownerUrl, superuserUrl)).toFixed(0)} s`);

  const app = await createServer({ db, secret, logLevel: "silent" }, undefined, [(instance) => dbFloorRoute(instance, { db })]);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const staffCookie = await signIn(address, "bench@askersund.se", "bench password 123");
  const officerCookie = skills ? await signIn(address, "arbetsmarknad@askersund.se", "bench password 123") : "";
  const analystCookie = region ? await signInOnHost(address, demoRegion.host, "region@bench.test", "bench password 123") : "";
  // Goals are against the database floor: at least this share of its throughput, at most this multiple of its p99.
  const workloads: Array<{ name: string; path: string; headers: Record<string, string>; goal?: { throughput: number; p99: number } }> = [
    { name: "bare handler (GET /healthz)", path: "/healthz", headers: {} },
    { name: "database floor (scoped tx + select 1)", path: "/bench/db-floor", headers: {} },
    { name: "login page (GET /logga-in)", path: "/logga-in", headers: {} },
    {
      name: "authenticated API read (GET /api/v1/units)",
      path: "/api/v1/units",
      headers: { authorization: `Bearer ${token}` },
      goal: { throughput: 0.6, p99: Number.POSITIVE_INFINITY },
    },
    { name: "public programme page (GET /program/:id, uncached)", path: `/program/${programmeId}`, headers: {}, goal: { throughput: 0.5, p99: 3 } },
    ...(register
      ? [
          {
            name: `company search, own area (GET /foretag?q=bygg, ${register.rows} in register)`,
            path: "/foretag?q=bygg",
            headers: { cookie: staffCookie },
            goal: { throughput: 0.25, p99: 4 },
          },
          {
            name: "company search, whole country, two words (GET /foretag?q=askersund+mek&reach=all)",
            path: "/foretag?q=askersund+mek&reach=all",
            headers: { cookie: staffCookie },
            goal: { throughput: 0.25, p99: 4 },
          },
          {
            name: "company search, whole country, typo (GET /foretag?q=mekanisk+verkstd&reach=all)",
            path: "/foretag?q=mekanisk+verkstd&reach=all",
            headers: { cookie: staffCookie },
            goal: { throughput: 0.25, p99: 4 },
          },
          {
            name: "company search, whole country, org.nr (GET /foretag?q=552000-0109&reach=all)",
            path: `/foretag?q=${orgNumber(10)}&reach=all`,
            headers: { cookie: staffCookie },
            goal: { throughput: 0.25, p99: 4 },
          },
        ]
      : []),
    ...(desk
      ? [
          {
            name: `desk inbox, one unit (GET /arenden?unit=…, ${desk.cases} cases)`,
            path: `/arenden?unit=${desk.unitId}`,
            headers: { cookie: staffCookie },
            goal: { throughput: 0.4, p99: 3 },
          },
          {
            name: "desk inbox, past deadline (GET /arenden?sla=breached)",
            path: "/arenden?sla=breached",
            headers: { cookie: staffCookie },
            goal: { throughput: 0.4, p99: 3 },
          },
          {
            name: `desk dashboard, municipality-year (GET /arenden/statistik?year=${desk.fullYear})`,
            path: `/arenden/statistik?year=${desk.fullYear}`,
            headers: { cookie: staffCookie },
            goal: { throughput: 0, p99: 5 },
          },
        ]
      : []),
    ...(region && desk
      ? [
          {
            name: `regional dashboard, 12 municipalities (GET /region?ar=${desk.fullYear}, ${desk.cases} cases)`,
            path: `/region?ar=${desk.fullYear}`,
            headers: { cookie: analystCookie, host: demoRegion.host },
            goal: { throughput: 0, p99: 5 },
          },
        ]
      : []),
    ...(skills
      ? [
          {
            name: `skills shortlist, one opening (GET /kompetens/annonser/:id/matchning, ${skills.seekers} seekers)`,
            path: `/kompetens/annonser/${skills.openingId}/matchning`,
            headers: { cookie: officerCookie },
            goal: { throughput: 0.25, p99: 5 },
          },
        ]
      : []),
    ...(surveys
      ? [
          {
            name: `NKI results, municipality-year (GET /enkater/resultat?ar=${surveys.fullYear}, ${surveys.answers} answers)`,
            path: `/enkater/resultat?ar=${surveys.fullYear}`,
            headers: { cookie: staffCookie },
            goal: { throughput: 0, p99: 5 },
          },
        ]
      : []),
  ];
  const pageWeight = only === undefined || "page weight".includes(only) ? await measurePageWeight(address, `/program/${programmeId}`, 30) : null;
  const results: Array<Result & { goal?: { throughput: number; p99: number } | undefined }> = [];
  const profiles: Array<{ workload: string; file: string; top: TopFrame[] }> = [];
  const watch = await BackgroundWatch.connect(superuserUrl ?? ownerUrl);
  for (const [index, workload] of workloads.entries()) {
    if (only !== undefined && index > 1 && !workload.name.includes(only)) {
      continue;
    }
    const profiler = profiling && index > 1 ? new Profiler() : null;
    await profiler?.start();
    watch.start();
    const cpuBefore = process.cpuUsage();
    const measured = await load(`${address}${workload.path}`, workload.headers);
    const cpu = process.cpuUsage(cpuBefore);
    const background = await watch.stop();
    if (profiler) {
      mkdirSync("bench/reports", { recursive: true });
      const file = `${reportStem}-${workload.name.split(" (")[0]!.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`;
      profiles.push({ workload: workload.name, file, top: await profiler.stop(file) });
    }
    const requests = measured.requestsPerSecond * durationSeconds;
    results.push({ name: workload.name, goal: workload.goal, ...measured, serverCpuMicros: (cpu.user + cpu.system) / Math.max(requests, 1), background });
  }
  await watch.close();
  await app.close();
  await db.destroy();
  await owner.destroy();
  await stop();

  const baseline = results[0] as Result;
  const floor = results[1] as Result;
  const rows = results.map((result) => {
    const throughputVsFloor = result.requestsPerSecond / floor.requestsPerSecond;
    const p99VsFloor = result.p99 / Math.max(floor.p99, 1);
    return {
      workload: result.name,
      "req/s": Math.round(result.requestsPerSecond),
      "× baseline req/s": Number((result.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
      "× floor req/s": Number(throughputVsFloor.toFixed(3)),
      "p50 ms": result.p50,
      "p99 ms": result.p99,
      "× floor p99": Number(p99VsFloor.toFixed(2)),
      "server CPU µs/req": Math.round(result.serverCpuMicros ?? 0),
      "non-2xx": result.non2xx,
      "GC ms": result.background?.gcMs ?? 0,
      "heap MB": result.background?.heapMb ?? 0,
      "external MB": result.background?.externalMb ?? 0,
      autovacuum: result.background?.autovacuum.join(", ") ?? "",
      goal: result.goal
        ? `≥ ${result.goal.throughput}× floor req/s${Number.isFinite(result.goal.p99) ? `, p99 ≤ ${result.goal.p99}× floor` : ""}: ${throughputVsFloor >= result.goal.throughput && p99VsFloor <= result.goal.p99 ? "met" : "MISSED"}`
        : "",
    };
  });
  console.table(rows);
  if (register) {
    console.table(register.table);
  }
  if (campaign) {
    console.table(campaign.table);
  }
  if (pageWeight) {
    console.table([pageWeight]);
  }
  for (const profile of profiles) {
    console.log(`Heaviest frames by self time: ${profile.workload} (${profile.file})`);
    console.table(profile.top);
  }
  const report = {
    at: new Date().toISOString(),
    quick,
    durationSeconds,
    connections,
    node: process.version,
    cpus: os.cpus().length,
    baseline: baseline.name,
    floor: floor.name,
    results: rows,
    register: register?.table ?? null,
    campaign: campaign?.table ?? null,
    pageWeight,
    profiles,
  };
  mkdirSync("bench/reports", { recursive: true });
  const file = `${reportStem}${quick ? "-quick" : ""}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Report written to ${file}`);
  const failures = results.filter((result) => result.non2xx > 0 || result.errors > 0);
  if (failures.length > 0) {
    console.error(`Requests failed in: ${failures.map((failure) => failure.name).join(", ")}`);
    process.exit(1);
  }
  process.exit(0);
}

/** Signs in through the login form, as a browser would: the session cookie for staff pages. */
async function signIn(address: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${address}/logga-in`);
  const anonymous = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const response = await fetch(`${address}/logga-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: anonymous, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie?.startsWith("lotsen_session="));
  if (!session) {
    throw new Error(`bench sign-in failed: ${response.status}`);
  }
  const cookie = `${anonymous}; ${session}`;
  await setUpSecondFactor(address, cookie);
  return cookie;
}

/** Signs in on another host than the address's (a region's own): fetch cannot name the Host, node:http can. */
async function signInOnHost(address: string, host: string, email: string, password: string): Promise<string> {
  const call = (method: string, cookie: string, body?: string) =>
    new Promise<{ status: number; cookies: string[]; text: string }>((resolve, reject) => {
      const request = http.request(
        `${address}/logga-in`,
        { method, headers: { host, cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) } },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!), text }),
          );
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  const page = await call("GET", "");
  const anonymous = page.cookies.join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  const response = await call("POST", anonymous, new URLSearchParams({ email, password, _csrf: csrf }).toString());
  const session = response.cookies.find((cookie) => cookie.startsWith("lotsen_session="));
  if (!session) {
    throw new Error(`bench sign-in on ${host} failed: ${response.status}`);
  }
  return `${anonymous}; ${session}`;
}

/**
 * The bench signs in as an administrator, who must set up a second factor before any staff
 * page: it does so as a person does, reading the key from the setup page and answering with
 * the app's code, and the session it has goes on.
 */
async function setUpSecondFactor(address: string, cookie: string): Promise<void> {
  const account = await fetch(`${address}/konto`, { redirect: "manual", headers: { cookie } });
  if (account.headers.get("location") !== "/konto/tvastegs") {
    return;
  }
  const setup = await (await fetch(`${address}/konto/tvastegs`, { headers: { cookie } })).text();
  const key = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup)?.[1]?.replace(/ /g, "");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(setup)?.[1] ?? "";
  if (!key) {
    throw new Error("bench: no second-factor key on the setup page");
  }
  const confirmed = await fetch(`${address}/konto/tvastegs`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ code: await generate({ secret: key }), _csrf: csrf }),
  });
  if (confirmed.status !== 200) {
    throw new Error(`bench: setting up the second factor failed: ${confirmed.status}`);
  }
}

interface ChildResult {
  seconds: number;
  peakRssMb: number;
  peakRssFirstQuarterMb: number;
  summary: { inserted: number; rejected: number; phases?: Record<string, number> } | null;
}

function child(mode: "import" | "copy", file: string, url: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ["--import", "tsx", "bench/register-child.ts", mode, file, url], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    process_.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    process_.on("error", reject);
    process_.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as ChildResult) : reject(new Error(`${mode} exited ${code}`))));
  });
}

/**
 * The national register: generate the whole country in Bolagsverket's format, COPY the
 * same rows into a table with the register's indexes (the baseline), then import the file
 * with Lotsen's importer into the register itself. Each in its own process, peak memory
 * measured there. Leaves the register filled for the search workloads.
 */
async function measureRegister(owner: ReturnType<typeof createDb>, ownerUrl: string, superuserUrl: string | undefined) {
  const folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-register-"));
  const bulk = path.join(folder, "bolagsverket_bulkfil.txt");
  const copyFile = path.join(folder, "baseline.copy");
  const started = performance.now();
  await writeRegisterFile(bulk, registerRows);
  const rows = await writeCopyFile(bulk, copyFile);
  console.error(`Generated ${rows} organisations in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await sql`create table companies_copy_baseline (like companies including all)`.execute(owner);
  await checkpoint(superuserUrl);
  const copy = await child("copy", copyFile, ownerUrl);
  console.error(`COPY baseline: ${copy.seconds.toFixed(0)} s`);
  await sql`drop table companies_copy_baseline`.execute(owner);
  await checkpoint(superuserUrl);
  const imported = await child("import", bulk, ownerUrl);
  console.error(`Import: ${imported.seconds.toFixed(0)} s`);
  rmSync(folder, { recursive: true, force: true });
  const ratio = imported.seconds / copy.seconds;
  const flat = imported.peakRssMb <= imported.peakRssFirstQuarterMb * 1.25;
  return {
    rows,
    table: [
      {
        step: "COPY of the same rows, same indexes (baseline)",
        rows,
        seconds: Number(copy.seconds.toFixed(1)),
        "rows/s": Math.round(rows / copy.seconds),
        "× baseline time": 1,
        "peak RSS MB": copy.peakRssMb,
        "peak RSS first quarter MB": copy.peakRssFirstQuarterMb,
        goal: "",
        phases: "",
      },
      {
        step: "lotsen import companies (parse, batched upsert, missing marked)",
        rows: imported.summary?.inserted ?? 0,
        seconds: Number(imported.seconds.toFixed(1)),
        "rows/s": Math.round(rows / imported.seconds),
        "× baseline time": Number(ratio.toFixed(2)),
        "peak RSS MB": imported.peakRssMb,
        "peak RSS first quarter MB": imported.peakRssFirstQuarterMb,
        goal: `≤ 1.6× baseline: ${ratio <= 1.6 ? "met" : "MISSED"}; memory flat in file size: ${flat ? "met" : "MISSED"}`,
        // Where the import's time went beyond reading the file: merging batches, marking what is missing, closing, the indexes.
        phases: Object.entries(imported.summary?.phases ?? {})
          .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
          .join(", "),
      },
    ],
  };
}

await main();
