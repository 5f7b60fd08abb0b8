import { describe, expect, it } from "vitest";
import { localPath } from "./local-path.js";

describe("localPath", () => {
  it.each([
    "/\t/evil.example/x",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j, which a browser would follow off the site", (next) => {
    const target = localPath(next);
    expect(target).toBe("/");
    expect(new URL(target, "https://askersund.se").host).toBe("askersund.se");
  });

  it("keeps a local path with its query and fragment", () => {
    expect(localPath("/arenden?status=open#lista")).toBe("/arenden?status=open#lista");
    expect(localPath("/program/2020")).toBe("/program/2020");
  });
});
