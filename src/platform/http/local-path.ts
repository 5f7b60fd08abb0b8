const ownOrigin = "http://lotsen.invalid";

/**
 * The path to send a visitor back to after login or a language change: a path on this
 * site, decided by parsing it against our own origin as a browser would (tabs and
 * newlines dropped, backslashes as slashes), never by looking at its first characters.
 */
export function localPath(next: string | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/")) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, ownOrigin);
  } catch {
    return fallback;
  }
  const target = `${url.pathname}${url.search}${url.hash}`;
  // A path that a browser would read as another host ("//evil", "/\evil") is not local.
  if (url.origin !== ownOrigin || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}
