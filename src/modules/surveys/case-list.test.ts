import { describe, expect, it } from "vitest";
import { defaultMapping, readCaseList } from "./case-list.js";

const headers = ["Ärendenummer", "Område", "Beslutsdatum", "Företag", "Organisationsnummer", "Kontaktperson", "E-post", "Telefon", "Språk"];
const row = (line: number, values: Partial<Record<"case" | "area" | "date" | "org" | "email" | "language", string>>) => ({
  line,
  values: [
    values.case ?? `BN ${line}`,
    values.area ?? "Bygglov",
    values.date ?? "2026-05-03",
    "Bygg AB",
    values.org ?? "",
    "Siv",
    values.email ?? `siv${line}@example.se`,
    "",
    values.language ?? "",
  ],
});

describe("a case list from another system", () => {
  it("reads each row, with areas, dates, numbers and languages as lists write them", () => {
    const { cases, rejects } = readCaseList(
      {
        headers,
        rows: [
          row(2, { area: "Miljö- och hälsoskydd", date: "2026-05-03 00:00", org: "556036-0793", language: "Engelska" }),
          row(3, { area: "LIVSMEDELSKONTROLL", date: "20260504", email: "Stora@Example.SE" }),
        ],
      },
      defaultMapping,
      "2026-12-06",
    );
    expect(rejects).toEqual([]);
    expect(cases[0]).toMatchObject({ line: 2, area: "miljo", decided_on: "2026-05-03", org_number: "5560360793", language: "en" });
    expect(cases[1]).toMatchObject({ area: "livsmedel", decided_on: "2026-05-04", email: "stora@example.se", language: "sv" });
  });

  it.each([
    [{ case: "" }, "no_case_number"],
    [{ area: "Parkering" }, "unknown_area"],
    [{ date: "3/5/2026" }, "bad_date"],
    [{ date: "2026-02-30" }, "bad_date"],
    [{ date: "2027-01-01" }, "future_date"],
    [{ org: "556036-0794" }, "bad_org_number"],
    [{ email: "" }, "no_email"],
    [{ email: "inte en adress" }, "bad_email"],
    [{ language: "klingon" }, "bad_language"],
  ] as Array<[Parameters<typeof row>[1], string]>)("rejects %j as %s, with its line", (values, reason) => {
    const { cases, rejects } = readCaseList({ headers, rows: [row(7, values)] }, defaultMapping, "2026-12-06");
    expect(cases).toEqual([]);
    expect(rejects).toEqual([{ line: 7, reason, case_number: values.case ?? "BN 7" }]);
  });

  it("rejects a case listed twice, and finds columns by the municipality's own headings in any order and case", () => {
    const mapping = { ...defaultMapping, case_number: "Dnr", decided_on: "beslut" };
    const sheet = {
      headers: ["E-POST", "DNR", "Beslut", "Område"],
      rows: [
        { line: 2, values: ["a@example.se", "X-1", "2026-01-02", "Bygglov"] },
        { line: 3, values: ["b@example.se", "X-1", "2026-01-02", "Bygglov"] },
      ],
    };
    const { cases, rejects } = readCaseList(sheet, mapping, "2026-12-06");
    expect(cases.map((listed) => listed.case_number)).toEqual(["X-1"]);
    expect(rejects).toEqual([{ line: 3, reason: "twice_in_file", case_number: "X-1" }]);
  });

  it("names the required columns a file lacks instead of rejecting every row", () => {
    expect(readCaseList({ headers: ["Ärendenummer", "Företag"], rows: [] }, defaultMapping, "2026-12-06").missing).toEqual(["area", "decided_on", "email"]);
  });
});
