import type { Municipality } from "./repo.js";

/**
 * Where links in mail and feeds point for a municipality: its first configured host (with
 * the scheme and port of `PUBLIC_URL` when set, else https), or `PUBLIC_URL` for a
 * municipality without hosts. Never the request's `Host` or `X-Forwarded-Host`: those are
 * the sender's to choose, and a link carrying a private token must not go to their server.
 */
export function publicBaseUrl(municipality: Pick<Municipality, "hosts">, publicUrl: string | undefined): string {
  const configured = publicUrl ? new URL(publicUrl) : undefined;
  const host = municipality.hosts[0];
  if (!host) {
    return configured ? configured.origin : "http://localhost:3000";
  }
  if (configured && municipality.hosts.includes(configured.hostname)) {
    return configured.origin;
  }
  return `${configured?.protocol ?? "https:"}//${host}${configured?.port ? `:${configured.port}` : ""}`;
}
