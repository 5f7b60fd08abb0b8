import type { FastifyRequest } from "fastify";

/**
 * What a request log may say of a request: its path with every private link's token
 * replaced (status, subscription, registration and calendar-feed links are bearer
 * secrets, and logs travel further than the database), and the searches that name a
 * person (an address, a name, a personal identity number) without their words; never
 * its cookies or headers.
 */
export function redactedRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactedUrl(request), host: request.hostname, remoteAddress: request.ip };
}

export function redactedUrl(request: Pick<FastifyRequest, "url" | "params">): string {
  let url = request.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (/token/i.test(name) && typeof value === "string" && value.length > 0) {
      url = url.split(encodeURIComponent(value)).join("[redacted]").split(value).join("[redacted]");
    }
  }
  const query = url.indexOf("?");
  if (query < 0) {
    return url;
  }
  const pairs = url
    .slice(query + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=")[0] ?? "";
      return personal.has(decodeURIComponentSafely(name)) && pair.includes("=") ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${pairs.join("&")}`;
}

/** Query parameters that may carry who a person is: the data-protection search, the modules' extracts, searches by name. */
const personal = new Set(["q", "email", "epost", "personnummer"]);

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * An error as the log keeps it. PostgreSQL's own text can hold row values ("Key
 * (email)=(…) already exists", "invalid input syntax for type uuid: …"), so a database
 * error is logged by its SQLSTATE, constraint, table and column, not by its words.
 */
export function redactedError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: "", stack: "" };
  }
  const database = error as Error & { code?: unknown; severity?: unknown; constraint?: string; table?: string; column?: string; routine?: string };
  if (typeof database.code === "string" && /^[0-9A-Z]{5}$/.test(database.code) && database.severity !== undefined) {
    const frames = (error.stack ?? "").split("\n").slice(1).join("\n");
    return {
      type: error.name,
      message: `database error ${database.code}`,
      code: database.code,
      constraint: database.constraint,
      table: database.table,
      column: database.column,
      routine: database.routine,
      stack: frames,
    };
  }
  return { type: error.name, message: error.message, stack: error.stack ?? "" };
}
