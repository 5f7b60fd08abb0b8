import type { Db } from "../db/database.js";
import type { Queryable } from "../jobs/repo.js";
import { seal, unseal } from "../seal.js";
import { mailFromOf, saveMunicipalMail, sealedSmtpUrlOf } from "./municipal-repo.js";
import { defaultSender } from "./settings.js";
import { smtpTransport, type MailTransport, type OutgoingMail } from "./transport.js";

/**
 * Every municipality its own mail: the sender address its mail is queued with, and the SMTP
 * server it is delivered through. A municipality without them uses the installation's
 * (`MAIL_FROM`, `SMTP_URL`). The server's URL carries a password and is kept sealed.
 */
const purpose = "smtp-url";

/**
 * Sets a municipality's own sender and SMTP server (the command line's `municipality mail`);
 * null sets one back to the installation's, undefined leaves it. An address must be a
 * mailbox ("Name <address>" or the address), a server an smtp: or smtps: URL.
 */
export async function setMunicipalMail(
  db: Db,
  secret: string,
  id: string,
  values: { mailFrom?: string | null | undefined; smtpUrl?: string | null | undefined },
): Promise<void> {
  if (values.mailFrom && !isSenderAddress(values.mailFrom)) {
    throw new Error(`Not a sender address: ${values.mailFrom}`);
  }
  if (values.smtpUrl && !isSmtpUrl(values.smtpUrl)) {
    throw new Error("The SMTP server must be an smtp:// or smtps:// URL");
  }
  await saveMunicipalMail(db, id, {
    ...(values.mailFrom === undefined ? {} : { mail_from: values.mailFrom?.trim() || null }),
    ...(values.smtpUrl === undefined ? {} : { smtp_url_sealed: values.smtpUrl ? sealSmtpUrl(secret, values.smtpUrl) : null }),
  });
}

/** A change of `setMunicipalMail` in words, the server by its host only (its URL may carry a password). */
export function municipalMailChange({ mailFrom, smtpUrl }: { mailFrom?: string | null | undefined; smtpUrl?: string | null | undefined }): string {
  const from = mailFrom === undefined ? "from as before" : mailFrom ? `from ${mailFrom}` : "from the installation's sender";
  const server = smtpUrl === undefined ? "by the same server" : smtpUrl ? `by ${new URL(smtpUrl).host}` : "by the installation's server";
  return `mail ${from}, ${server}`;
}

export const sealSmtpUrl = (secret: string, url: string): string => seal(secret, purpose, url);

/** A sender address as a mailbox takes it: "Name <address>" or the address alone. */
export const isSenderAddress = (text: string): boolean => /^(?:[^<>@]*<)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/.test(text.trim());

/** An SMTP server's URL: smtp: or smtps:, with a host. */
export function isSmtpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return /^smtps?:$/.test(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The domain a sender's Message-IDs carry: the address's. */
export function senderDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? defaultSender().domain;
}

/** The senders of the municipalities given (the installation's where one has none). */
export async function sendersOf(db: Queryable, municipalityIds: ReadonlyArray<string | null>): Promise<Map<string | null, { from: string; domain: string }>> {
  const ids = [...new Set(municipalityIds.filter((id): id is string => id !== null))];
  const own = new Map((ids.length > 0 ? await mailFromOf(db, ids) : []).map((row) => [row.id, row.mail_from]));
  return new Map<string | null, { from: string; domain: string }>([
    [null, defaultSender()],
    ...ids.map((id): [string, { from: string; domain: string }] => {
      const from = own.get(id);
      return [id, from ? { from, domain: senderDomain(from) } : defaultSender()];
    }),
  ]);
}

/**
 * The transport that delivers each mail through its municipality's SMTP server, or the
 * installation's. A municipality's server is looked up again after `ttlMs`, so a changed
 * setting takes effect without a restart; each server gets its own connection pool.
 */
export class MunicipalTransport implements MailTransport {
  private readonly known = new Map<string, { url: string | null; until: number }>();
  private readonly pools = new Map<string, MailTransport>();

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly fallback: MailTransport,
    private readonly options: { ttlMs?: number; connections?: number } = {},
  ) {}

  get connections(): number {
    return this.fallback.connections;
  }

  private async urlOf(municipalityId: string): Promise<string | null> {
    const cached = this.known.get(municipalityId);
    if (cached && cached.until > Date.now()) {
      return cached.url;
    }
    const sealed = await sealedSmtpUrlOf(this.db, municipalityId);
    const url = sealed ? unseal(this.secret, purpose, sealed) : null;
    this.known.set(municipalityId, { url, until: Date.now() + (this.options.ttlMs ?? 30_000) });
    return url;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const url = mail.municipalityId ? await this.urlOf(mail.municipalityId) : null;
    if (url === null) {
      return this.fallback.send(mail);
    }
    let pool = this.pools.get(url);
    if (!pool) {
      pool = smtpTransport(url, this.options.connections ?? 2);
      this.pools.set(url, pool);
    }
    return pool.send(mail);
  }

  close(): void {
    this.fallback.close();
    for (const pool of this.pools.values()) {
      pool.close();
    }
  }
}
