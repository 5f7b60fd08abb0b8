/**
 * The whole country's organisations in Bolagsverket's bulk format, made up for the
 * benchmark (no genuine rows are available): ~3 M lines with the mix the register has —
 * aktiebolag, sole traders (personal numbers), partnerships, housing cooperatives; a third
 * deregistered; names from the 290 municipalities and common business words; Askersund's
 * companies in its 696 postcodes. Deterministic, so runs compare.
 */
import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { luhnDigit } from "../src/platform/sweden/identity-number.js";
import { bolagsverketHeaderLine, orgNumber } from "../test/helpers/company-files.js";

const kommuner = readFileSync(new URL("../src/platform/tenancy/data/kommuner.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[1]!);
const words = [
  "Bygg",
  "Mekaniska",
  "Konsult",
  "Fastigheter",
  "Handel",
  "Transport",
  "El",
  "VVS",
  "Måleri",
  "Redovisning",
  "Trädgård",
  "Skog",
  "Lantbruk",
  "Café",
  "Restaurang",
  "Frisör",
  "Data",
  "IT",
  "Design",
  "Åkeri",
  "Snickeri",
  "Bageri",
  "Fisk",
  "Plåt",
  "Glas",
  "Städ",
  "Hälsa",
  "Tandvård",
  "Juridik",
  "Media",
  "Reklam",
  "Turism",
  "Camping",
  "Marin",
  "Motor",
  "Däck",
  "Verkstad",
  "Industri",
  "Energi",
  "Solkraft",
];
const firstNames = ["Anna", "Erik", "Maria", "Lars", "Karin", "Per", "Eva", "Johan", "Sara", "Anders", "Åsa", "Örjan", "Linnéa", "Björn"];
const lastNames = [
  "Andersson",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Åberg",
  "Öberg",
  "Ekström",
];
const forms = [
  ["AB", 60],
  ["E", 20],
  ["HB", 8],
  ["BRF", 6],
  ["EK", 3],
  ["KB", 2],
  ["I", 1],
] as const;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sole trader's personal number, unique per k (mixed radix over year, month, day, serial). */
function personNumber(k: number): string {
  const yy = String(40 + (k % 60)).padStart(2, "0");
  const mm = String((Math.floor(k / 60) % 12) + 1).padStart(2, "0");
  const dd = String((Math.floor(k / 720) % 28) + 1).padStart(2, "0");
  const serial = String(Math.floor(k / 20_160) % 1000).padStart(3, "0");
  const nine = `${yy}${mm}${dd}${serial}`;
  return `19${nine}${luhnDigit(nine)}`;
}

export async function writeRegisterFile(path: string, rows: number): Promise<void> {
  const next = random(1882);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const out = createWriteStream(path);
  out.write(`${bolagsverketHeaderLine}\n`);
  let persons = 0;
  for (let i = 0; i < rows; i += 1) {
    let roll = next() * 100;
    const form = forms.find(([, share]) => (roll -= share) < 0)?.[0] ?? "AB";
    const kommun = pick(kommuner);
    const town = kommun.toUpperCase();
    const postcode =
      kommun === "Askersund"
        ? `696${String(Math.floor(next() * 100)).padStart(2, "0")}`
        : `${100 + Math.floor(next() * 880)}${String(Math.floor(next() * 100)).padStart(2, "0")}`;
    const person = form === "E";
    const identity = person ? `${personNumber(persons++)}$PERSON-IDORG` : `${orgNumber(i)}$ORGNR-IDORG`;
    const name = person
      ? `${pick(firstNames)} ${pick(lastNames)} ${pick(words)}`
      : form === "BRF"
        ? `Bostadsrättsföreningen ${kommun} ${1 + Math.floor(next() * 40)}`
        : `${pick([kommun, pick(lastNames), pick(words)])} ${pick(words)} ${form}`;
    const deregistered = next() < 0.3 ? `20${String(Math.floor(next() * 26)).padStart(2, "0")}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` : "";
    const proceedings = !deregistered && next() < 0.01 ? `|${next() < 0.5 ? "KK" : "LI"}-AVOMFO$2026-0${1 + Math.floor(next() * 9)}-01` : "";
    const registered = `${1950 + Math.floor(next() * 76)}-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
    const fields = [
      identity,
      next() < 0.9 ? "1" : "",
      "SE-LAND",
      `${name}$FORETAGSNAMN-ORGNAM$${registered}`,
      `${form}-ORGFO`,
      deregistered,
      deregistered ? pick(["OVERK-AVORG", "VERKUPP-AVORG", "KKAV-AVORG", "LIAV-AVORG"]) : "",
      proceedings,
      registered,
      next() < 0.5 ? `${pick(words)}verksamhet och därmed förenlig verksamhet` : "",
      `${pick(words)}gatan ${1 + Math.floor(next() * 90)}$$${town}$${postcode}$SE-LAND`,
    ];
    if (!out.write(`"${fields.join('";"')}"\n`)) {
      await once(out, "drain");
    }
  }
  out.end();
  await once(out, "finish");
}

/**
 * The same organisations as COPY text rows (the baseline's input), read with Lotsen's own
 * parser so both sides hold identical values. Made before the clock starts.
 */
export async function writeCopyFile(bulkPath: string, copyPath: string): Promise<number> {
  const { createReadStream } = await import("node:fs");
  const { readLines } = await import("../src/modules/companies/import/source-file.js");
  const { parseBolagsverketLine } = await import("../src/modules/companies/import/bolagsverket.js");
  const { newId } = await import("../src/platform/ids.js");
  const escape = (value: string | null) =>
    value === null ? "\\N" : value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  const out = createWriteStream(copyPath);
  let rows = 0;
  let header = true;
  for await (const line of readLines(createReadStream(bulkPath))) {
    if (header) {
      header = false;
      continue;
    }
    const parsed = parseBolagsverketLine(line.text);
    if (parsed.kind !== "record") {
      continue;
    }
    const r = parsed.record;
    const fields = [
      newId(),
      r.org_number,
      r.is_person ? "t" : "f",
      r.name,
      r.legal_form_token,
      r.status,
      r.registered_on,
      r.deregistered_on,
      r.deregistration_reason,
      r.street,
      r.care_of,
      r.postcode,
      r.town,
      r.description,
      "{bolagsverket}",
    ];
    rows += 1;
    if (!out.write(`${fields.map(escape).join("\t")}\n`)) {
      await once(out, "drain");
    }
  }
  out.end();
  await once(out, "finish");
  return rows;
}
