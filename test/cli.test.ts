import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { bolagsverketHeaderLine, bolagsverketLine, orgNumber, writeLines } from "./helpers/company-files.js";
import { testSecret } from "./global-setup.js";
import { listMunicipalities } from "../src/platform/tenancy/repo.js";
import * as auth from "../src/platform/auth/service.js";

const run = promisify(execFile);
let db: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  db = await createTestDatabase();
  env = {
    ...process.env,
    LOTSEN_SOURCE: "1",
    DATABASE_URL: db.ownerUrl,
    LOTSEN_SECRET: testSecret,
    LOTSEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "lotsen-cli-")),
    LOTSEN_ADMIN_EMAIL: "chef@askersund.se",
    LOTSEN_ADMIN_PASSWORD: "a long admin password",
  };
});

afterAll(async () => db.drop());

async function lotsen(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/lotsen.js", ...args], { env, timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failure = error as { stdout: string; stderr: string; code: number };
    return { stdout: failure.stdout, stderr: failure.stderr, code: failure.code };
  }
}

// Each case starts the CLI several times (a Node process that migrates); under load in CI that takes more than the default 30 s.
describe("the lotsen command", { timeout: 120_000 }, () => {
  it.each(["serve", "migrate", "seed", "municipality", "region", "user", "token"])("explains %s with --help", async (command) => {
    const result = await lotsen(command, "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`lotsen ${command}`);
  });

  it("seeds an empty database with Askersund in Business Region Örebro, its parties and the administrator", async () => {
    const result = await lotsen("seed");
    expect(result.code, result.stderr).toBe(0);
    const [municipality] = await listMunicipalities(db.app);
    expect(municipality).toMatchObject({ name: "Askersunds kommun", kommunkod: "1882" });
    const scope = { municipalityId: municipality?.id ?? "" };
    const { actor } = await auth.login(db.app, scope, "chef@askersund.se", "a long admin password");
    expect(actor.kind === "user" && actor.roles).toEqual(["admin"]);
    expect((await lotsen("seed")).stderr).toContain("nothing seeded");
  });

  it("adds, lists, sets a password for and deactivates a staff account", async () => {
    const added = await lotsen("user", "add", "--email", "Hugo@Askersund.se", "--name", "Hugo Handläggare", "--role", "case_officer");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/temporary password: \S{20}/);
    expect((await lotsen("user", "list")).stdout).toMatch(/hugo@askersund\.se\tHugo Handläggare\tcase_officer\tactive/);
    expect((await lotsen("user", "set-password", "--email", "hugo@askersund.se", "--password", "hugos own password")).code).toBe(0);
    const municipality = (await listMunicipalities(db.app))[0];
    await auth.login(db.app, { municipalityId: municipality?.id ?? "" }, "hugo@askersund.se", "hugos own password");
    expect((await lotsen("user", "deactivate", "--email", "hugo@askersund.se")).code).toBe(0);
    expect((await lotsen("user", "list")).stdout).toMatch(/hugo@askersund\.se.*deactivated/);
  });

  it("creates a token that the API accepts, and revokes it", async () => {
    const created = await lotsen("token", "create", "--email", "chef@askersund.se", "--name", "rapport", "--days", "7");
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^lotsen_[0-9a-f]{8}_/);
    const id = /Token (\S+) for/.exec(created.stderr)?.[1] ?? "";
    expect((await lotsen("token", "revoke", "--id", id)).code).toBe(0);
  });

  it("adds a second municipality from SCB's codes, on its own host", async () => {
    const added = await lotsen("municipality", "add", "--kommunkod", "1860", "--host", "laxa.example.se", "--region", "business-region-orebro");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Added Laxå kommun (1860) on laxa.example.se");
    expect((await lotsen("municipality", "list")).stdout).toContain("1860\tLaxå kommun\tlaxa.example.se");
    const unknown = await lotsen("municipality", "add", "--kommunkod", "9999");
    expect(unknown.stderr).toContain("not one of SCB's 290 municipality codes");
    const addUser = await lotsen("user", "add", "--municipality", "1860", "--email", "admin@laxa.se", "--name", "Laxå Admin", "--role", "admin");
    expect(addUser.stdout).toContain("in Laxå kommun");
    // Its own sender and SMTP server; the password never printed back.
    const mail = await lotsen(
      "municipality",
      "mail",
      "--municipality",
      "1860",
      "--mail-from",
      "Laxå kommun <naringsliv@laxa.se>",
      "--smtp-url",
      "smtps://laxa:hemligt@smtp.laxa.se",
    );
    expect(mail.code, mail.stderr).toBe(0);
    expect(mail.stdout).toBe("Laxå kommun: mail from Laxå kommun <naringsliv@laxa.se>, by smtp.laxa.se\n");
    const badUrl = await lotsen("municipality", "mail", "--municipality", "1860", "--smtp-url", "https://smtp.laxa.se");
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr).toContain("The SMTP server must be an smtp:// or smtps:// URL");
  });

  it("gives the region a host of its own and an account there, which signs in there only", async () => {
    const hosts = await lotsen("region", "hosts", "--region", "business-region-orebro", "--host", "region.example.se");
    expect(hosts.code, hosts.stderr).toBe(0);
    expect(hosts.stdout).toBe("Business Region Örebro answers on region.example.se\n");
    const taken = await lotsen("region", "hosts", "--region", "business-region-orebro", "--host", "laxa.example.se");
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain("hosts: host_taken");
    const added = await lotsen(
      "region",
      "account",
      "add",
      "--region",
      "business-region-orebro",
      "--email",
      "Analys@Region.example.se",
      "--name",
      "Regina Analys",
    );
    expect(added.code, added.stderr).toBe(0);
    const temporary = /temporary password: (\S+)/.exec(added.stdout)?.[1] ?? "";
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect((await lotsen("region", "account", "list", "--region", "business-region-orebro")).stdout).toContain(
      "analys@region.example.se\tRegina Analys\tactive",
    );
    const region = (await db.owner.selectFrom("regions").select("id").executeTakeFirstOrThrow()).id;
    const { regionalLogin } = await import("../src/platform/regions/service.js");
    await expect(regionalLogin(db.app, region, "analys@region.example.se", temporary)).resolves.toMatchObject({ actor: { mustChangePassword: true } });
    const off = await lotsen("region", "account", "deactivate", "--region", "business-region-orebro", "--email", "analys@region.example.se");
    expect(off.stdout).toBe("Deactivated analys@region.example.se\n");
    await expect(regionalLogin(db.app, region, "analys@region.example.se", temporary)).rejects.toMatchObject({ status: 401 });
    const badAddress = await lotsen("region", "account", "add", "--region", "business-region-orebro", "--email", "inte-en-adress", "--name", "A");
    expect(badAddress.code).not.toBe(0);
    expect(badAddress.stderr).toContain("--email: invalid_email");
    const unknown = await lotsen("region", "account", "add", "--region", "ingen-region", "--email", "a@b.se", "--name", "A");
    expect(unknown.stderr).toContain("no region with the slug ingen-region");
  });

  it("answers a bad option with one clear line and a failure code", async () => {
    const badRole = await lotsen("user", "add", "--municipality", "1882", "--email", "x@askersund.se", "--name", "X", "--role", "king");
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain("--role must be one of admin");
    const badDays = await lotsen("token", "create", "--municipality", "1882", "--email", "chef@askersund.se", "--name", "x", "--days", "9999");
    expect(badDays.stderr).toContain("--days must be a whole number from 1 to 365");
  });

  it("imports a company file with a summary and a reject file, and changes nothing the second time", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-cli-import-"));
    const file = path.join(folder, "bolagsverket_bulkfil.txt");
    await writeLines(file, [
      bolagsverketHeaderLine,
      bolagsverketLine({ org: orgNumber(1), name: "Kommandoradens AB" }),
      bolagsverketLine({ org: "5560360794", name: "Fel AB" }),
    ]);
    const rejects = path.join(folder, "rejects.csv");
    const first = await lotsen("import", "companies", file, "--rejects", rejects);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("1 new, 0 updated, 0 unchanged");
    expect(first.stderr).toContain("1 rejected");
    expect(readFileSync(rejects, "utf8")).toContain("3;the organisation number's check digit is wrong;");
    const second = await lotsen("import", "companies", file, "--rejects", rejects);
    expect(second.stderr).toContain("0 new, 0 updated, 1 unchanged");
    const third = await lotsen("import", "companies", file);
    expect(third.code, third.stderr).toBe(0);
    // Without --rejects the rejects go beside the input file, named after it.
    expect(readFileSync(path.join(folder, "bolagsverket_bulkfil.rejects.csv"), "utf8")).toContain("3;the organisation number's check digit is wrong;");
    const missing = await lotsen("import", "companies", path.join(folder, "finns-inte.txt"));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("there is no file");
    expect(existsSync(path.join(folder, "finns-inte.rejects.csv"))).toBe(false);
    expect(existsSync("finns-inte.rejects.csv")).toBe(false);
  });

  it("refuses to start with a bad setting and names it", async () => {
    const saved = env;
    env = { ...env, PORT: "many" };
    const result = await lotsen("migrate");
    env = saved;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PORT must be a number (got "many")');
  });
});
