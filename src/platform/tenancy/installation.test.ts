import { describe, expect, it } from "vitest";
import { municipalityName } from "./installation.js";
import { kommunByCode, kommuner } from "./kommuner.js";

describe("municipalities from SCB's list", () => {
  it("holds all 290 municipalities with their codes as strings", () => {
    expect(kommuner().size).toBe(290);
    expect(kommunByCode("1882")).toEqual({ kommunkod: "1882", kommun: "Askersund", lanskod: "18", lan: "Örebro län" });
    expect(kommunByCode("0114")?.kommun).toBe("Upplands Väsby");
  });

  it("names a municipality the Swedish way", () => {
    expect(municipalityName("Askersund")).toBe("Askersunds kommun");
    expect(municipalityName("Laxå")).toBe("Laxå kommun");
    expect(municipalityName("Hällefors")).toBe("Hällefors kommun");
    expect(municipalityName("Örebro")).toBe("Örebro kommun");
  });
});
