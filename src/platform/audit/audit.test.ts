import { describe, expect, it } from "vitest";
import { diff } from "./audit.js";

describe("audit diff", () => {
  it("lists only the fields that changed, with both values", () => {
    expect(diff({ name: "A", kind: "team", roles: ["viewer"] }, { name: "B", kind: "team", roles: ["viewer", "admin"] })).toEqual({
      name: { from: "A", to: "B" },
      roles: { from: ["viewer"], to: ["viewer", "admin"] },
    });
  });

  it("never writes a password or token in clear", () => {
    expect(diff({}, { password: "hemligt", token_hash: "abc" })).toEqual({
      password: { from: "[hidden]", to: "[hidden]" },
      token_hash: { from: "[hidden]", to: "[hidden]" },
    });
  });
});
