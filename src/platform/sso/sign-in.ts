import { createHash, randomBytes } from "node:crypto";
import { diff, recordAudit } from "../audit/audit.js";
import * as accounts from "../auth/repo.js";
import type { Actor } from "../auth/roles.js";
import { actorForUser, sessionLimits } from "../auth/service.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../db/database.js";
import { AppError } from "../errors.js";
import { newId } from "../ids.js";
import { seal, unseal } from "../seal.js";
import { oidc, providerConfig } from "./provider.js";
import * as repo from "./repo.js";
import { claimAt, rolesFromClaim } from "./role-map.js";
import { clientSecretPurpose } from "./settings.js";

/**
 * Signing in with the municipality's identity provider: the authorisation code flow with
 * PKCE, state and nonce (RFC 9700), the three kept in a sealed cookie for ten minutes. The
 * provider's groups give the account its roles and units at every sign-in, the account is
 * created or updated then, and a person whose groups give no role is turned away (and the
 * attempt logged). System administrators never sign in this way: their local password is the
 * way in when the provider is down.
 */
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const statePurpose = "sso-state";
const stateMaxAgeMs = 10 * 60_000;
const ssoActor: Actor = { kind: "system", label: "single sign-on" };

export type DeniedReason = "sso_no_role" | "sso_no_email" | "sso_inactive" | "sso_system_admin" | "sso_email_taken";

/** Sign-in refused after the provider said who it is: the page names why. */
export class SignInDenied extends AppError {
  constructor(readonly reason: DeniedReason) {
    super(403, reason, reason);
  }
}

interface PendingSignIn {
  municipalityId: string;
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  next: string;
  at: number;
}

async function enabledSettings(tx: ScopedTx, scope: Scope, installationSecret: string) {
  const row = await repo.findSettings(tx, scope.municipalityId);
  if (!row?.enabled) {
    throw new AppError(404, "sso_off", "sso_off");
  }
  const clientSecret = row.client_secret ? unseal(installationSecret, clientSecretPurpose, row.client_secret) : null;
  return { row, provider: { issuer: row.issuer, clientId: row.client_id, clientSecret, version: row.updated_at.toISOString() } };
}

/** What the sign-in page offers: the provider's button when single sign-on is on, and whether passwords are only the fallback. */
export async function loginChoices(db: Db, scope: Scope): Promise<{ singleSignOn: boolean; passwordsOff: boolean }> {
  const row = await inScope(db, scope, (tx) => repo.findSettings(tx, scope.municipalityId));
  return { singleSignOn: row?.enabled ?? false, passwordsOff: Boolean(row?.enabled && row.passwords_off) };
}

const unreachable = () => new AppError(502, "sso_unreachable", "sso_unreachable");

/** The provider's authorisation address to send the browser to, and the sealed cookie that must come back with it. */
export async function beginSignIn(
  db: Db,
  scope: Scope,
  installationSecret: string,
  redirectUri: string,
  next: string,
): Promise<{ url: string; cookie: string }> {
  const { row, provider } = await inScope(db, scope, (tx) => enabledSettings(tx, scope, installationSecret));
  const config = await providerConfig(provider).catch(() => {
    throw unreachable();
  });
  const pending: PendingSignIn = {
    municipalityId: scope.municipalityId,
    verifier: oidc.randomPKCECodeVerifier(),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    redirectUri,
    next,
    at: Date.now(),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: row.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, cookie: seal(installationSecret, statePurpose, JSON.stringify(pending)) };
}

function openPending(installationSecret: string, scope: Scope, cookie: string | undefined): PendingSignIn {
  const text = cookie ? unseal(installationSecret, statePurpose, cookie) : null;
  const pending = text ? (JSON.parse(text) as PendingSignIn) : undefined;
  if (!pending || pending.municipalityId !== scope.municipalityId || Date.now() - pending.at > stateMaxAgeMs) {
    throw new AppError(400, "sso_expired", "sso_expired");
  }
  return pending;
}

/** What the provider says of the person: the ID token's claims, and the user info where the token lacks the roles claim or the e-mail. */
async function claimsOf(config: oidc.Configuration, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>, rolesClaim: string) {
  const claims: Record<string, unknown> = { ...tokens.claims() };
  const sub = String(claims.sub);
  if ((claimAt(claims, rolesClaim) === undefined || !claims.email) && config.serverMetadata().userinfo_endpoint) {
    Object.assign(claims, await oidc.fetchUserInfo(config, tokens.access_token, sub), { sub });
  }
  return { sub, claims };
}

/**
 * The provider's answer: the code exchanged (state, nonce and PKCE checked by openid-client),
 * then in one transaction the account found by its subject (or, the first time, by its
 * verified e-mail), its name, roles and units set from the claims, and a session opened.
 */
export async function completeSignIn(
  db: Db,
  scope: Scope,
  installationSecret: string,
  cookie: string | undefined,
  currentUrl: URL,
  requestId?: string,
): Promise<{ sessionToken: string; actor: Actor; next: string }> {
  const pending = openPending(installationSecret, scope, cookie);
  const { row, provider } = await inScope(db, scope, (tx) => enabledSettings(tx, scope, installationSecret));
  const config = await providerConfig(provider).catch(() => {
    throw unreachable();
  });
  const answer = new URL(pending.redirectUri);
  answer.search = currentUrl.search;
  let who: Awaited<ReturnType<typeof claimsOf>>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    who = await claimsOf(config, tokens, row.roles_claim);
  } catch {
    throw new AppError(400, "sso_failed", "sso_failed");
  }
  const outcome = await inScope(db, scope, (tx) => signInAs(tx, scope, row, who, requestId));
  if ("denied" in outcome) {
    throw new SignInDenied(outcome.denied);
  }
  return { ...outcome, next: pending.next };
}

async function signInAs(
  tx: ScopedTx,
  scope: Scope,
  row: repo.SsoSettingsRow,
  who: { sub: string; claims: Record<string, unknown> },
  requestId: string | undefined,
): Promise<{ sessionToken: string; actor: Actor } | { denied: DeniedReason }> {
  const { roles, units } = rolesFromClaim(claimAt(who.claims, row.roles_claim), row.role_map);
  const email = typeof who.claims.email === "string" ? who.claims.email.trim().toLowerCase() : "";
  const name = typeof who.claims.name === "string" && who.claims.name.trim() ? who.claims.name.trim() : email;
  const bySubject = await repo.findUserBySubject(tx, who.sub);
  const byEmail = bySubject || !email || who.claims.email_verified === false ? undefined : await repo.findUserByEmail(tx, email);
  const existing = bySubject ?? (byEmail && byEmail.external_subject === null ? byEmail : undefined);
  const deny = async (reason: DeniedReason) => {
    await recordAudit(
      tx,
      ssoActor,
      { action: "login_denied", recordType: "user", recordId: existing?.id ?? null, changes: { reason, subject: who.sub } },
      requestId,
    );
    return { denied: reason };
  };
  if (existing?.roles.includes("system_admin")) {
    return deny("sso_system_admin");
  }
  if (existing && !existing.active) {
    return deny("sso_inactive");
  }
  if (roles.length === 0) {
    return deny("sso_no_role");
  }
  if (!email) {
    return deny("sso_no_email");
  }
  const holder = await repo.findUserByEmail(tx, email);
  if (holder && holder.id !== existing?.id) {
    return deny("sso_email_taken");
  }
  const unitIds = await repo.unitIdsByName(tx, units);
  const id = existing?.id ?? newId();
  const fields = { name, email, roles, external_subject: who.sub };
  if (existing) {
    const before = await accounts.findUser(tx, id);
    await accounts.updateUser(tx, id, fields);
    // The provider's groups changed since the last sign-in: the log says what that changed in Lotsen.
    if (before && changed(before, fields, unitIds)) {
      const changes = diff(before, { ...fields, unit_ids: unitIds });
      await recordAudit(tx, ssoActor, { action: "update", recordType: "user", recordId: id, changes }, requestId);
    }
  } else {
    await accounts.insertUser(tx, { id, municipality_id: scope.municipalityId, ...fields, password_hash: null, active: true, updated_at: new Date() });
    const changes = diff({}, { ...fields, unit_ids: unitIds });
    await recordAudit(tx, ssoActor, { action: "create", recordType: "user", recordId: id, changes }, requestId);
  }
  await accounts.replaceUserUnits(tx, scope.municipalityId, id, unitIds);
  const sessionToken = randomBytes(32).toString("base64url");
  const now = new Date();
  await accounts.insertSession(tx, {
    id_hash: sha256(sessionToken),
    municipality_id: scope.municipalityId,
    user_id: id,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + sessionLimits.absoluteMs),
    single_sign_on: true,
  });
  const actor = await actorForUser(tx, scope, id);
  if (actor?.kind !== "user") {
    return { denied: "sso_inactive" };
  }
  // The provider stands for the second factor: its sessions never ask for Lotsen's own.
  const signedIn: Actor = { ...actor, mustEnrolSecondFactor: false };
  await recordAudit(tx, signedIn, { action: "login", recordType: "user", recordId: id, changes: { via: "single_sign_on" } }, requestId);
  return { sessionToken, actor: signedIn };
}

function changed(before: accounts.UserWithUnits, fields: { name: string; email: string; roles: string[] }, unitIds: string[]): boolean {
  return (
    before.name !== fields.name ||
    before.email !== fields.email ||
    JSON.stringify([...before.roles].sort()) !== JSON.stringify([...fields.roles].sort()) ||
    JSON.stringify([...before.unit_ids].sort()) !== JSON.stringify([...unitIds].sort())
  );
}

/**
 * Where the browser goes to end its session at the provider too (OpenID Connect RP-Initiated
 * Logout), or null when the provider offers none or single sign-on is off.
 */
export async function providerLogoutUrl(db: Db, scope: Scope, installationSecret: string, afterLogout: string): Promise<string | null> {
  const settings = await inScope(db, scope, (tx) => enabledSettings(tx, scope, installationSecret)).catch(() => null);
  if (!settings) {
    return null;
  }
  const config = await providerConfig(settings.provider).catch(() => null);
  if (!config?.serverMetadata().end_session_endpoint) {
    return null;
  }
  return oidc.buildEndSessionUrl(config, { client_id: settings.row.client_id, post_logout_redirect_uri: afterLogout }).href;
}
