import { diff, recordAudit } from "../audit/audit.js";
import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope } from "../db/database.js";
import { ValidationError, type FieldProblem } from "../errors.js";
import { seal } from "../seal.js";
import { discover, isLoopback } from "./provider.js";
import * as repo from "./repo.js";
import { formatRoleMap, parseRoleMap } from "./role-map.js";
import type { SsoSettingsInput } from "./schemas.js";

export const clientSecretPurpose = "sso-client-secret";

/** The settings as the administrator's page shows them: never the client secret, only whether there is one. */
export interface SsoSettingsView {
  configured: boolean;
  enabled: boolean;
  issuer: string;
  client_id: string;
  has_secret: boolean;
  scopes: string;
  roles_claim: string;
  role_map: string;
  passwords_off: boolean;
  units: string[];
  /** Which line of the role map is wrong, when one is. */
  roleMapLine?: number;
}

export async function getSettings(ctx: OperationContext): Promise<SsoSettingsView> {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const row = await repo.findSettings(tx, ctx.scope.municipalityId);
    const units = await repo.unitNames(tx);
    return {
      configured: row !== undefined,
      enabled: row?.enabled ?? false,
      issuer: row?.issuer ?? "",
      client_id: row?.client_id ?? "",
      has_secret: Boolean(row?.client_secret),
      scopes: row?.scopes ?? "openid profile email",
      roles_claim: row?.roles_claim ?? "groups",
      role_map: formatRoleMap(row?.role_map ?? []),
      passwords_off: row?.passwords_off ?? false,
      units,
    };
  });
}

export class RoleMapError extends ValidationError {
  constructor(
    problem: FieldProblem,
    readonly line: number,
  ) {
    super([problem]);
  }
}

/**
 * Saves the settings. The role map is checked line by line against Lotsen's roles and the
 * municipality's units; an issuer must be HTTPS (plain HTTP only on this machine's loopback);
 * turned on, the provider must answer its discovery document before anything is saved, so a
 * typing error never locks staff out. Passwords can be off only while single sign-on is on.
 */
export async function saveSettings(ctx: OperationContext, installationSecret: string, input: SsoSettingsInput): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  const parsed = parseRoleMap(input.role_map);
  if ("problem" in parsed) {
    throw new RoleMapError({ path: "role_map", message: parsed.problem }, parsed.line);
  }
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== "https:" && !isLoopback(issuer)) {
    throw new ValidationError([{ path: "issuer", message: "sso.issuer_https" }]);
  }
  if (input.passwords_off && !input.enabled) {
    throw new ValidationError([{ path: "passwords_off", message: "sso.passwords_off_needs_sso" }]);
  }
  if (input.enabled) {
    // Asked before the transaction: a provider's seconds never hold a database connection.
    await discover({ issuer: input.issuer, clientId: input.client_id, clientSecret: input.client_secret }).catch(() => {
      throw new ValidationError([{ path: "issuer", message: "sso.issuer_unreachable" }]);
    });
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await repo.findSettings(tx, ctx.scope.municipalityId);
    const known = (await repo.unitNames(tx)).map((name) => name.toLowerCase());
    const unknownAt = parsed.mappings.findIndex((row) => row.units.some((unit) => !known.includes(unit.toLowerCase())));
    if (unknownAt >= 0) {
      const line = input.role_map.split(/\r?\n/).findIndex((text) => text.trim().startsWith(parsed.mappings[unknownAt]!.group)) + 1;
      throw new RoleMapError({ path: "role_map", message: "sso.role_map_unit" }, line);
    }
    const clientSecret = input.client_secret ? seal(installationSecret, clientSecretPurpose, input.client_secret) : (before?.client_secret ?? null);
    const after = {
      enabled: input.enabled,
      issuer: input.issuer,
      client_id: input.client_id,
      scopes: input.scopes.split(/\s+/).filter(Boolean).join(" "),
      roles_claim: input.roles_claim,
      role_map: parsed.mappings,
      passwords_off: input.passwords_off,
    };
    await repo.saveSettings(tx, { municipality_id: ctx.scope.municipalityId, client_secret: clientSecret, ...after });
    const changes = diff(before ?? {}, after);
    if (input.client_secret) {
      changes.client_secret = { from: "[hidden]", to: "[hidden]" };
    }
    await recordAudit(tx, ctx.actor, { action: "single_sign_on", recordType: "municipality", recordId: ctx.scope.municipalityId, changes }, ctx.requestId);
  });
}
