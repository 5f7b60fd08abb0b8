import { describe, expect, it } from "vitest";
import { optionalPhone, optionalTime, time } from "./fields.js";

describe("the shared form fields", () => {
  it("read a time however a Swede writes it, and give it back one way", () => {
    for (const [written, read] of [
      ["09:00", "09:00"],
      ["09.00", "09:00"],
      ["9.00", "09:00"],
      [" 17:30 ", "17:30"],
      ["23.59", "23:59"],
    ]) {
      expect(time().parse(written), written).toBe(read);
    }
    for (const wrong of ["24:00", "9", "09-00", "0900", "12:60"]) {
      expect(time().safeParse(wrong).success, wrong).toBe(false);
    }
    expect(optionalTime().parse("")).toBeNull();
  });

  it("read a telephone number as people write it, and name a wrong one", () => {
    expect(optionalPhone().parse("0583-810 00")).toBe("0583-810 00");
    expect(optionalPhone().parse("+46 583 810 00")).toBe("+46 583 810 00");
    expect(optionalPhone().parse("")).toBeNull();
    expect(optionalPhone().safeParse("ring mig").error?.issues[0]?.message).toBe("invalid_phone");
  });
});
