import { describe, expect, it } from "vitest";
import { claimAt, formatRoleMap, parseRoleMap, rolesFromClaim } from "./role-map.js";

describe("the role map", () => {
  it("reads groups, roles and units, with comments and blank lines, and writes them back alike", () => {
    const text = "# Näringsliv\nlotsen-handlaggare = case_officer @ Näringslivsenheten, Bygglov\n\nlotsen-admin = admin, viewer\n";
    const parsed = parseRoleMap(text);
    expect(parsed).toEqual({
      mappings: [
        { group: "lotsen-handlaggare", roles: ["case_officer"], units: ["Näringslivsenheten", "Bygglov"] },
        { group: "lotsen-admin", roles: ["admin", "viewer"], units: [] },
      ],
    });
    expect(parseRoleMap(formatRoleMap("mappings" in parsed ? parsed.mappings : []))).toEqual(parsed);
  });

  it("names the line that is wrong and why", () => {
    expect(parseRoleMap("a = admin\nbara text")).toEqual({ problem: "sso.role_map_format", line: 2 });
    expect(parseRoleMap("a = chef")).toEqual({ problem: "sso.role_map_role", line: 1 });
    expect(parseRoleMap("a = ")).toEqual({ problem: "sso.role_map_format", line: 1 });
    expect(parseRoleMap("\n\na = admin, system_admin")).toEqual({ problem: "sso.role_map_system_admin", line: 3 });
  });

  it("gives the union of every matching line, from a list, a string or space-separated roles", () => {
    const mappings = [
      { group: "g1", roles: ["viewer"], units: ["A"] },
      { group: "g2", roles: ["case_officer", "viewer"], units: ["B"] },
      { group: "g3", roles: ["admin"], units: [] },
    ];
    expect(rolesFromClaim(["g1", "g2", "other"], mappings)).toEqual({ roles: ["viewer", "case_officer"], units: ["A", "B"], groups: ["g1", "g2", "other"] });
    expect(rolesFromClaim("g3 g9", mappings).roles).toEqual(["admin"]);
    expect(rolesFromClaim({ g1: true }, mappings).roles).toEqual([]);
    expect(rolesFromClaim(undefined, mappings).roles).toEqual([]);
  });

  it("never gives the system administrator's role, even from a map stored before the rule", () => {
    expect(rolesFromClaim(["g"], [{ group: "g", roles: ["system_admin", "viewer"], units: [] }]).roles).toEqual(["viewer"]);
  });

  it("finds a claim by a dotted path, and not through the prototype", () => {
    expect(claimAt({ realm_access: { roles: ["a"] } }, "realm_access.roles")).toEqual(["a"]);
    expect(claimAt({ "x.y": 1 }, "x.y")).toBe(1);
    expect(claimAt({}, "constructor.name")).toBeUndefined();
  });
});
