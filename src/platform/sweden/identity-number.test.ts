import { describe, expect, it } from "vitest";
import { formatIdentityNumber, luhnDigit, parseIdentityNumber } from "./identity-number.js";

describe("Swedish identity numbers", () => {
  it("accepts the three written forms of an organisation number and stores one", () => {
    for (const written of ["556036-0793", "5560360793", "165560360793", " 556036 0793 ", "16556036-0793"]) {
      expect(parseIdentityNumber(written)).toEqual({ ok: true, value: { digits: "5560360793", kind: "organisation" } });
    }
    expect(formatIdentityNumber("5560360793")).toBe("556036-0793");
  });

  it("computes the Luhn check digit", () => {
    expect(luhnDigit("556036079")).toBe(3);
    expect(luhnDigit("121212121")).toBe(2); // Skatteverket's example personal number 121212-1212
  });

  it("says the check digit is wrong", () => {
    expect(parseIdentityNumber("556036-0794")).toEqual({ ok: false, problem: "identity_check_digit" });
  });

  it("says a number is too short or has letters", () => {
    expect(parseIdentityNumber("55603607")).toEqual({ ok: false, problem: "identity_length" });
    expect(parseIdentityNumber("5560360793123")).toEqual({ ok: false, problem: "identity_length" });
    expect(parseIdentityNumber("55603A-0793")).toEqual({ ok: false, problem: "identity_characters" });
  });

  it("takes 16 as an organisation's prefix and a century as a person's, and refuses others", () => {
    expect(parseIdentityNumber("195560360793")).toEqual({ ok: false, problem: "identity_prefix" });
    expect(parseIdentityNumber("161212121212")).toEqual({ ok: false, problem: "identity_prefix" });
    expect(parseIdentityNumber("191212121212")).toEqual({ ok: true, value: { digits: "1212121212", kind: "person" } });
  });

  it("reads a sole trader's personal number as a person, with a date that must exist", () => {
    expect(parseIdentityNumber("121212-1212")).toEqual({ ok: true, value: { digits: "1212121212", kind: "person" } });
    expect(parseIdentityNumber("121212+1212").ok).toBe(true);
    const badMonth = "1213121212".slice(0, 9);
    expect(parseIdentityNumber(`${badMonth}${luhnDigit(badMonth)}`)).toEqual({ ok: false, problem: "identity_date" });
    const february30 = "190230123";
    expect(parseIdentityNumber(`${february30}${luhnDigit(february30)}`)).toEqual({ ok: false, problem: "identity_date" });
  });

  it("knows leap days and coordination numbers (day + 60)", () => {
    const leap = "000229123"; // 2000-02-29 exists
    expect(parseIdentityNumber(`20${leap}${luhnDigit(leap)}`).ok).toBe(true);
    expect(parseIdentityNumber(`19${leap}${luhnDigit(leap)}`)).toEqual({ ok: false, problem: "identity_date" }); // 1900 was no leap year
    const coordination = "701063123"; // 1970-10-03 as samordningsnummer
    expect(parseIdentityNumber(`${coordination}${luhnDigit(coordination)}`)).toEqual({
      ok: true,
      value: { digits: `${coordination}${luhnDigit(coordination)}`, kind: "person" },
    });
  });
});
