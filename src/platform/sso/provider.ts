import * as oidc from "openid-client";

/**
 * The municipality's identity provider as openid-client sees it: its discovery document,
 * read once and kept for an hour per issuer and client (a changed setting makes a new key),
 * with a timeout so a provider that does not answer never holds a sign-in for long. Plain
 * HTTP is allowed only for a provider on this machine's loopback (a test, a developer's
 * Keycloak); anything else must be HTTPS, which the settings form also says.
 */
const discoveryTimeoutSeconds = 5;
const keepMs = 60 * 60_000;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** When the settings last changed: a new value makes a new discovery. */
  version: string;
}

export function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function providerConfig(settings: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}|${settings.version}`;
  const held = cache.get(key);
  if (held && Date.now() - held.at < keepMs) {
    return held.config;
  }
  const config = discover(settings);
  cache.set(key, { at: Date.now(), config });
  // A failed discovery is not kept: the next sign-in asks again.
  config.catch(() => cache.delete(key));
  return config;
}

/**
 * How the client proves itself at the token endpoint: HTTP Basic, the standard's default,
 * unless the provider lists only the form post; without a secret, as a public client (PKCE).
 */
function clientAuth(secret: string | null): oidc.ClientAuth {
  if (!secret) {
    return oidc.None();
  }
  const basic = oidc.ClientSecretBasic(secret);
  const post = oidc.ClientSecretPost(secret);
  return (server, client, body, headers) => {
    const methods = server.token_endpoint_auth_methods_supported;
    return (!methods || methods.includes("client_secret_basic") ? basic : post)(server, client, body, headers);
  };
}

/** The provider's discovery document read now, not from what is kept. */
export function discover(settings: Omit<ProviderSettings, "version">): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  return oidc.discovery(issuer, settings.clientId, undefined, clientAuth(settings.clientSecret), {
    timeout: discoveryTimeoutSeconds,
    ...(issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}

export { oidc };
