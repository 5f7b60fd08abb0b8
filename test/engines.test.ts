import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

/** The Node versions Lotsen runs on: the oldest 20 it supports, and the LTS lines 22 and 24. */
const supported = ["20.19.0", "22.13.0", "24.0.0"];

describe("the Node versions Lotsen runs on", () => {
  it("are in every installed package's engines range, so npm install warns of none (EBADENGINE)", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const broken = Object.entries(lock.packages).flatMap(([name, entry]) => {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!range || name === "") {
        return [];
      }
      return supported
        .filter((version) => !semver.satisfies(version, range))
        .map((version) => `${name.replace(/^.*node_modules\//, "")} wants ${range}, not ${version}`);
    });
    expect(broken).toEqual([]);
  });

  it("are what package.json's engines field says", () => {
    const range = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
    expect(supported.every((version) => semver.satisfies(version, range))).toBe(true);
    expect(semver.satisfies("20.18.0", range)).toBe(false);
  });
});
