import { isRole, type Role } from "../auth/roles.js";
import type { RoleMapping } from "./tables.js";

/**
 * The role map as an administrator writes it: one line per group of the identity provider,
 * `group = role, role @ unit, unit` (the units optional), `#` for a comment. A group is the
 * claim's value as the provider sends it (an Entra ID group's object id, a Keycloak group's
 * name or path). The system administrator's role is never given from outside.
 */
export type RoleMapProblem = "sso.role_map_format" | "sso.role_map_role" | "sso.role_map_system_admin";

export const mappableRoles = (role: string): role is Role => isRole(role) && role !== "system_admin";

export function parseRoleMap(text: string): { mappings: RoleMapping[] } | { problem: RoleMapProblem; line: number } {
  const mappings: RoleMapping[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") {
      continue;
    }
    const match = /^([^=@]+?)\s*=\s*([^@]+?)\s*(?:@\s*(.+))?$/.exec(line);
    if (!match) {
      return { problem: "sso.role_map_format", line: index + 1 };
    }
    const roles = splitList(match[2]!);
    if (roles.includes("system_admin")) {
      return { problem: "sso.role_map_system_admin", line: index + 1 };
    }
    if (roles.length === 0 || !roles.every(mappableRoles)) {
      return { problem: "sso.role_map_role", line: index + 1 };
    }
    mappings.push({ group: match[1]!.trim(), roles, units: splitList(match[3] ?? "") });
  }
  return { mappings };
}

export function formatRoleMap(mappings: readonly RoleMapping[]): string {
  return mappings.map((row) => `${row.group} = ${row.roles.join(", ")}${row.units.length > 0 ? ` @ ${row.units.join(", ")}` : ""}`).join("\n");
}

const splitList = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");

/**
 * What a person's groups give: the union of the roles and units of every line whose group
 * they are in. A claim may be a list, one string, or space-separated (as some providers send
 * roles); anything else gives nothing.
 */
export function rolesFromClaim(claim: unknown, mappings: readonly RoleMapping[]): { roles: Role[]; units: string[]; groups: string[] } {
  const groups = Array.isArray(claim)
    ? claim.filter((value): value is string => typeof value === "string")
    : typeof claim === "string"
      ? claim.split(/\s+/).filter(Boolean)
      : [];
  const roles = new Set<Role>();
  const units = new Set<string>();
  for (const mapping of mappings) {
    if (groups.includes(mapping.group)) {
      mapping.roles.filter(mappableRoles).forEach((role) => roles.add(role));
      mapping.units.forEach((unit) => units.add(unit));
    }
  }
  return { roles: [...roles], units: [...units], groups };
}

/** A claim's value by name, where the name may be a dotted path (`realm_access.roles`, as Keycloak sends roles). */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) {
    return claims[name];
  }
  let value: unknown = claims;
  for (const part of name.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, part)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
