import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/helpers/db.js";
import { bolagsverketHeaderLine, bolagsverketLine, orgNumber, scbHeaderLine, scbLine, writeLines, zipFile } from "../../../../test/helpers/company-files.js";
import type { Db } from "../../../platform/db/database.js";
import { parseBolagsverketLine } from "./bolagsverket.js";
import { detectFormat, UnknownFormatError } from "./formats.js";
import { importCompanies, ImportInterrupted, type ImportOptions } from "./importer.js";
import { detectEncoding } from "./source-file.js";
import { translator, type MessageKey } from "../../../platform/ui/i18n.js";

const english = translator("en");

let folder: string;
let db: TestDatabase;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "lotsen-import-"));
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

const file = (name: string) => path.join(folder, name);

async function run(target: Db, filePath: string, options: Partial<ImportOptions> = {}) {
  const rejects: Array<{ line: number; reason: string }> = [];
  const summary = await importCompanies(target, filePath, {
    fileName: path.basename(filePath),
    reject: (line, reason, _text, note) =>
      rejects.push({ line, reason: `${note ? "note: " : ""}${english(`companies.reject.${reason.code}` as MessageKey, reason.values)}` }),
    batchSize: 2,
    ...options,
  });
  return { summary, rejects };
}

const registerState = (target: Db) =>
  sql<Record<string, unknown>>`
    select org_number, name, is_person, legal_form_code, legal_form_token, status, registered_on, deregistered_on, street, postcode, town,
           industries, industry_keys, advertising_opt_out, sources, missing_from
    from companies order by org_number`
    .execute(target)
    .then((result) => result.rows);

describe("reading Bolagsverket's bulk file", () => {
  it("takes the company name, form, dates, status and address from the $ and | sub-fields", () => {
    const parsed = parseBolagsverketLine(
      bolagsverketLine({
        org: "5560360793",
        name: "Askersunds Mekaniska Verkstad AB",
        proceedings: "|LI-AVOMFO$2026-04-01",
        town: "ASKERSUND",
        postcode: "69630",
      }),
    );
    expect(parsed.kind).toBe("record");
    if (parsed.kind === "record") {
      expect(parsed.record).toMatchObject({
        org_number: "5560360793",
        name: "Askersunds Mekaniska Verkstad AB",
        legal_form_token: "AB-ORGFO",
        status: "liquidation",
        registered_on: "2001-05-17",
        street: "Storgatan 1",
        town: "ASKERSUND",
        postcode: "69630",
        is_person: false,
      });
    }
    const other = parseBolagsverketLine(
      bolagsverketLine({ org: orgNumber(1), name: "Other$ANNATSPRAK-ORGNAM$2020-01-01|Riktiga Namnet AB", proceedings: "|KK-AVOMFO$2026-01-01" }),
    );
    expect(other.kind === "record" && other.record.status).toBe("bankrupt");
  });

  it("keeps bare and doubled quotes inside a field", () => {
    const line = bolagsverketLine({ org: orgNumber(2), name: 'Firma "Ankan" AB' }).replace('"Ankan"', '""Ankan""');
    const parsed = parseBolagsverketLine(line);
    expect(parsed.kind === "record" && parsed.record.name).toBe('Firma "Ankan" AB');
    const bare = parseBolagsverketLine(bolagsverketLine({ org: orgNumber(3), name: 'Bar "quote AB' }));
    expect(bare.kind === "record" && bare.record.name).toBe('Bar "quote AB');
  });

  it("reads a sole trader's 12-digit personal number as a person", () => {
    const parsed = parseBolagsverketLine(bolagsverketLine({ org: "191212121212", person: true, name: "Tolvan Tolvansson", form: "E" }));
    expect(parsed.kind === "record" && parsed.record).toMatchObject({ org_number: "1212121212", is_person: true });
  });

  it("rejects a wrong check digit and a short line with a reason, and skips further business names", () => {
    expect(parseBolagsverketLine(bolagsverketLine({ org: "5560360794", name: "X AB" }))).toEqual({ kind: "reject", reason: { code: "identity_check_digit" } });
    expect(parseBolagsverketLine('"5560360793$ORGNR-IDORG";"1"')).toEqual({
      kind: "reject",
      reason: { code: "field_count", values: { expected: 11, found: 2 } },
    });
    expect(parseBolagsverketLine(bolagsverketLine({ org: "5560360793", name: "X", nameProtection: "2" })).kind).toBe("skip");
  });
});

describe("detecting format and encoding", () => {
  it("knows the three headers and says what it expected otherwise", () => {
    expect(detectFormat(bolagsverketHeaderLine).source).toBe("bolagsverket");
    expect(detectFormat(`\uFEFF${bolagsverketHeaderLine}`).source).toBe("bolagsverket");
    expect(detectFormat(scbHeaderLine).source).toBe("scb");
    expect(detectFormat("organisationsnummer;namn;postort").source).toBe("csv");
    expect(() => detectFormat("id,name")).toThrow(UnknownFormatError);
  });

  it("tells UTF-8 from Latin-1", () => {
    expect(detectEncoding(Buffer.from("Åmål", "utf8"))).toBe("utf-8");
    expect(detectEncoding(Buffer.from("Åmål", "latin1"))).toBe("windows-1252");
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("abc")]))).toBe("utf-8");
  });
});

describe("importing into the register", () => {
  const first = [
    bolagsverketHeaderLine,
    bolagsverketLine({ org: orgNumber(10), name: "Askersunds Mekaniska Verkstad AB" }),
    bolagsverketLine({ org: orgNumber(11), name: "Örebro Bygg AB", town: "ÖREBRO", postcode: "70210" }),
    `${bolagsverketLine({ org: orgNumber(12), name: "Åmåls\u0000 Fisk AB", town: "ÅMÅL" })}`,
    bolagsverketLine({ org: "5560360794", name: "Fel Kontrollsiffra AB" }),
    '"broken',
    bolagsverketLine({ org: orgNumber(10), name: "Dubblett AB" }),
    bolagsverketLine({ org: "198001011231", person: true, name: "Enskild Firma", form: "E" }),
  ];

  it("imports a zipped UTF-8 file with a BOM, writes every bad row to the rejects with its line, and a second import changes nothing", async () => {
    await writeLines(file("bolagsverket_bulkfil.txt"), first, "utf-8-bom");
    await zipFile(file("bolagsverket_bulkfil.txt"), file("bolagsverket.zip"), "bolagsverket_bulkfil.txt");
    const { summary, rejects } = await run(db.app, file("bolagsverket.zip"));
    expect(summary).toMatchObject({ source: "bolagsverket", zipped: true, encoding: "utf-8", inserted: 4, updated: 0, rejected: 3 });
    expect(rejects).toEqual([
      { line: 5, reason: "the organisation number's check digit is wrong" },
      { line: 6, reason: "the line is not fields in quotes separated by ;" },
      { line: 7, reason: "the organisation number is on an earlier line" },
    ]);
    const state = await registerState(db.app);
    expect(state.map((row) => row.name)).toEqual(["Askersunds Mekaniska Verkstad AB", "Örebro Bygg AB", "Åmåls Fisk AB", "Enskild Firma"]);
    expect(state[3]).toMatchObject({ org_number: "8001011231", is_person: true });
    const stamps = await sql<{ xmin: string }>`select xmin::text from companies order by org_number`.execute(db.app);

    const again = await run(db.app, file("bolagsverket.zip"));
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, missing: 0 });
    expect((await sql<{ xmin: string }>`select xmin::text from companies order by org_number`.execute(db.app)).rows).toEqual(stamps.rows);
  });

  it("updates from a newer file and marks the organisations that disappeared from it", async () => {
    await writeLines(file("newer.txt"), [
      first[0]!,
      bolagsverketLine({ org: orgNumber(10), name: "Askersunds Mekaniska Verkstad AB", deregistered: "2026-10-01" }),
      first[2]!,
      first[3]!,
    ]);
    const { summary } = await run(db.app, file("newer.txt"));
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, missing: 1 });
    const state = await registerState(db.app);
    expect(state.find((row) => row.org_number === orgNumber(10))).toMatchObject({ status: "deregistered", deregistered_on: "2026-10-01" });
    expect(state.find((row) => row.org_number === "8001011231")?.missing_from).toEqual(["bolagsverket"]);
  });

  it("reads SCB's Latin-1 extract with CRLF: legal form, industries with their SNI version, the advertising opt-out", async () => {
    await writeLines(
      file("scb_bulkfil.txt"),
      [
        scbHeaderLine,
        scbLine({ peOrgNr: `16${orgNumber(11)}`, name: "Örebro Bygg AB", industries: ["25110", "01491", "01481", "99999"], optOut: "1" }),
        scbLine({ peOrgNr: `16${orgNumber(20)}`, name: "Zinkgruvans Café", legalForm: "10", status: "9" }),
      ],
      "latin1",
      "\r\n",
    );
    const { summary, rejects } = await run(db.app, file("scb_bulkfil.txt"));
    expect(summary).toMatchObject({ source: "scb", encoding: "windows-1252", inserted: 1, updated: 1, notes: 1 });
    expect(rejects).toEqual([{ line: 2, reason: "note: industry code 99999 is in neither SNI 2007 nor SNI 2025; left out" }]);
    const state = await registerState(db.app);
    const bygg = state.find((row) => row.org_number === orgNumber(11))!;
    expect(bygg).toMatchObject({ legal_form_code: "49", advertising_opt_out: true, town: "ASKERSUND", sources: ["bolagsverket", "scb"] });
    expect(bygg.industries).toEqual([
      { version: "2025", code: "25110", primary: true, uncertain: true },
      { version: "2007", code: "01491", primary: false, uncertain: false },
      { version: "2025", code: "01481", primary: false, uncertain: false },
    ]);
    expect(bygg.industry_keys).toEqual(expect.arrayContaining(["2025:C", "2025:25", "2025:251", "2025:2511", "2025:25110", "2007:A", "2007:01491"]));
    expect(state.find((row) => row.org_number === orgNumber(20))).toMatchObject({ name: "Zinkgruvans Café", status: "deregistered", legal_form_code: "10" });
  });

  it("fills in from a municipality's own CSV list without blanking what the register knows", async () => {
    await writeLines(file("lista.csv"), [
      "organisationsnummer;namn;telefon;postort",
      `${orgNumber(11).slice(0, 6)}-${orgNumber(11).slice(6)};Örebro Bygg AB;0583-12345;`,
      "556036-0793;Ny Firma AB;;ASKERSUND",
    ]);
    const { summary } = await run(db.app, file("lista.csv"));
    expect(summary).toMatchObject({ source: "csv", inserted: 1, updated: 1, missing: 0 });
    const bygg = (await registerState(db.app)).find((row) => row.org_number === orgNumber(11))!;
    expect(bygg).toMatchObject({ town: "ASKERSUND", legal_form_code: "49" });
    expect((await sql<{ phone: string }>`select phone from companies where org_number = ${orgNumber(11)}`.execute(db.app)).rows[0]?.phone).toBe("0583-12345");
  });

  it("keeps a name as written when it holds what COPY's text format escapes: a backslash, \\N, a tab", async () => {
    const org = orgNumber(777);
    const name = "Data\\Nord\tAB \\N";
    await writeLines(file("tecken.csv"), ["organisationsnummer;namn;postort", `${org.slice(0, 6)}-${org.slice(6)};${name};\\N`]);
    const { summary } = await run(db.app, file("tecken.csv"));
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    const row = (await sql<{ name: string; town: string | null }>`select name, town from companies where org_number = ${org}`.execute(db.app)).rows[0];
    expect(row).toEqual({ name, town: "\\N" });
  });

  it("ends an interrupted import, run again, in the state of an uninterrupted one", async () => {
    const lines = [bolagsverketHeaderLine, ...Array.from({ length: 9 }, (_, n) => bolagsverketLine({ org: orgNumber(100 + n), name: `Företag ${n} AB` }))];
    await writeLines(file("nine.txt"), lines);
    const straight = await createTestDatabase();
    const interrupted = await createTestDatabase();
    try {
      await run(straight.app, file("nine.txt"));
      await expect(run(interrupted.app, file("nine.txt"), { stopAfterBatches: 2 })).rejects.toThrow(ImportInterrupted);
      expect((await registerState(interrupted.app)).length).toBe(4);
      const resumed = await run(interrupted.app, file("nine.txt"));
      expect(resumed.summary).toMatchObject({ inserted: 5, unchanged: 4 });
      expect(await registerState(interrupted.app)).toEqual(await registerState(straight.app));
      const leftover = await sql<{ count: number }>`select count(*)::int as count from company_import_seen`.execute(interrupted.app);
      expect(leftover.rows[0]?.count).toBe(0);
    } finally {
      await straight.drop();
      await interrupted.drop();
    }
  });

  it("gives the event loop a turn every few hundred lines, so the batch in the database is not left waiting for a reply", async () => {
    // 3,000 lines arrive in one read; without turns they would all be parsed before any reply to the merge under way.
    const lines = [bolagsverketHeaderLine, ...Array.from({ length: 3000 }, (_, n) => bolagsverketLine({ org: orgNumber(5000 + n), name: `Turn ${n} AB` }))];
    await writeLines(file("turns.txt"), lines);
    const target = await createTestDatabase();
    let sinceTurn = 0;
    let mostBetweenTurns = 0;
    let reading = true;
    const tick = () => {
      sinceTurn = 0;
      if (reading) {
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    try {
      const { summary } = await run(target.app, file("turns.txt"), {
        batchSize: 5000,
        seen: () => {
          sinceTurn += 1;
          mostBetweenTurns = Math.max(mostBetweenTurns, sinceTurn);
        },
      });
      expect(summary.inserted).toBe(3000);
      expect(mostBetweenTurns).toBeGreaterThan(0);
      expect(mostBetweenTurns).toBeLessThanOrEqual(256);
    } finally {
      reading = false;
      await target.drop();
    }
  });

  it("says a file in no known format is one", async () => {
    await writeLines(file("other.csv"), ["id,name", "1,x"]);
    await expect(run(db.app, file("other.csv"))).rejects.toThrow(UnknownFormatError);
    expect(await readFile(file("other.csv"), "utf8")).toContain("id,name");
  });
});

describe("files from outside", () => {
  it("reads Bolagsverket's file with the header as FORMATS.md shows it, without quotes", async () => {
    const documented =
      "organisationsidentitet;namnskyddslopnummer;registreringsland;organisationsnamn;organisationsform;avregistreringsdatum;avregistreringsorsak;pagandeAvvecklingsEllerOmstruktureringsforfarande;registreringsdatum;verksamhetsbeskrivning;postadress";
    await writeLines(file("documented.txt"), [documented, bolagsverketLine({ org: orgNumber(300), name: "Rubrikradens AB" })]);
    const { summary } = await run(db.app, file("documented.txt"));
    expect(summary).toMatchObject({ source: "bolagsverket", inserted: 1, rejected: 0 });
  });

  it("rejects a line past the length limit with its number, without holding it, and reads on", async () => {
    const huge = `"${"x".repeat(5 * 1024 * 1024)}"`;
    await writeLines(file("long-line.txt"), [
      bolagsverketHeaderLine,
      bolagsverketLine({ org: orgNumber(310), name: "Före AB" }),
      huge,
      bolagsverketLine({ org: orgNumber(311), name: "Efter AB" }),
    ]);
    const started = performance.now();
    const { summary, rejects } = await run(db.app, file("long-line.txt"));
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(summary).toMatchObject({ inserted: 2, rejected: 1 });
    expect(rejects).toEqual([{ line: 3, reason: "the line is longer than 64 KiB and was not read" }]);
  });

  it("rejects a line that is not UTF-8 in a UTF-8 file, by number, rather than reading U+FFFD into the register", async () => {
    const good = Array.from({ length: 7000 }, (_, n) => bolagsverketLine({ org: orgNumber(1000 + n), name: `Företag ${n} AB` }));
    const header = Buffer.from([bolagsverketHeaderLine, ...good].join("\n") + "\n", "utf8");
    expect(header.length).toBeGreaterThan(1 << 20);
    const bad = Buffer.from(bolagsverketLine({ org: orgNumber(999), name: "Trasig Å AB" }) + "\n", "latin1");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(file("late-latin1.txt"), Buffer.concat([header, bad]));
    const { summary, rejects } = await run(db.app, file("late-latin1.txt"), { batchSize: 5000 });
    expect(summary.encoding).toBe("utf-8");
    expect(rejects).toEqual([{ line: good.length + 2, reason: "the line is not valid text in the file's encoding (UTF-8)" }]);
    const replaced = await sql<{ n: number }>`select count(*)::int as n from companies where name like ${"%\uFFFD%"}`.execute(db.app);
    expect(replaced.rows[0]!.n).toBe(0);
  });

  it("refuses a zip that would unpack past its ratio or size, with one line saying why, before reading it", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(file("bomb.txt"), Buffer.alloc(50 * 1024 * 1024, 0x20));
    await zipFile(file("bomb.txt"), file("bomb.zip"), "bolagsverket_bulkfil.txt");
    await expect(run(db.app, file("bomb.zip"))).rejects.toThrow(/would unpack to \d+ times its packed size, more than the 200 times a text file does/);
    await writeLines(file("small.txt"), [bolagsverketHeaderLine, bolagsverketLine({ org: orgNumber(320), name: "Zip AB" })]);
    await zipFile(file("small.txt"), file("small.zip"), "bolagsverket_bulkfil.txt");
    await expect(run(db.app, file("small.zip"), { zipLimits: { maxUnpackedBytes: 100, maxRatio: 200 } })).rejects.toThrow(/more than the 100 allowed/);
    expect((await run(db.app, file("small.zip"))).summary).toMatchObject({ zipped: true, inserted: 1 });
  });

  it("lets a municipality's own list fill gaps in the register, never overwrite what a national source said", async () => {
    await writeLines(
      file("scb-said.txt"),
      [scbHeaderLine, scbLine({ peOrgNr: `16${orgNumber(330)}`, name: "Nationellt Namn AB", town: "ASKERSUND", optOut: "1" })],
      "latin1",
      "\r\n",
    );
    await run(db.app, file("scb-said.txt"));
    const list = [
      "organisationsnummer;namn;postort;epost",
      `${orgNumber(330)};Egen Lista Namn AB;HALLSBERG;info@lista.se`,
      `${orgNumber(331)};Bara I Listan AB;LAXÅ;a@lista.se`,
    ];
    await writeLines(file("own-list.csv"), list);
    await run(db.app, file("own-list.csv"), { municipalityId: null, markMissing: false, allowedSources: ["csv"] });
    const rows = await sql<{
      org_number: string;
      name: string;
      town: string;
      email: string | null;
      advertising_opt_out: boolean;
    }>`select org_number, name, town, email, advertising_opt_out from companies where org_number in (${orgNumber(330)}, ${orgNumber(331)}) order by org_number`.execute(
      db.app,
    );
    expect(rows.rows).toEqual([
      { org_number: orgNumber(330), name: "Nationellt Namn AB", town: "ASKERSUND", email: "info@lista.se", advertising_opt_out: true },
      { org_number: orgNumber(331), name: "Bara I Listan AB", town: "LAXÅ", email: "a@lista.se", advertising_opt_out: false },
    ]);
    await expect(run(db.app, file("scb-said.txt"), { allowedSources: ["csv"] })).rejects.toMatchObject({ code: "companies.import_national_format" });
  });
});
