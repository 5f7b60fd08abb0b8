import { asWorker, type Db } from "../db/database.js";
import type { Queryable } from "../jobs/repo.js";
import { findMailBody, markMailFailed, markMailSent, markSentAndClaim, type OutboxRow } from "./repo.js";
import type { MailTransport, OutgoingMail } from "./transport.js";

/** A mail the SMTP server refused for good (5xx): told to whoever asked (a newsletter's bounce handling). */
export interface RejectedMail {
  id: string;
  municipalityId: string | null;
  to: string;
  purpose: string;
  responseCode: number;
  message: string;
}

export interface SenderOptions {
  /** Messages per second for this process; unlimited when left out. */
  ratePerSecond?: number;
  /** How long a mail in its SMTP exchange is ours before another process may try it. */
  leaseSeconds?: number;
  maxAttempts?: number;
  pollMs?: number;
  /** Told of a permanent rejection (5xx), e.g. to block the address after a hard bounce. */
  onRejected?: (mail: RejectedMail) => Promise<void>;
  log?: (message: string) => void;
  /**
   * Connections whose sessions are the installation's worker (`createWorkerDb`): each
   * claim is then one statement rather than a transaction that first says so. Without
   * them, every claim runs in a short worker transaction on `db`.
   */
  workerSessions?: Db;
}

/** Minutes to wait before attempt n+1 after a temporary failure: 1, 2, 4 … at most 6 hours. */
export function retryMinutes(attempt: number): number {
  return Math.min(360, 2 ** Math.max(0, attempt - 1));
}

/**
 * Delivers the outbox. Each of the transport's connections takes one mail at a time: the
 * claim marks it as in its SMTP exchange and commits before the exchange begins, and it
 * is marked sent when the server has accepted it. So after a crash at most one mail per
 * open connection is sent again, with the same Message-ID; every other mail is either
 * sent or still queued. Several processes may deliver at once (`FOR UPDATE SKIP LOCKED`).
 */
export class MailSender {
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers: Array<() => void> = [];
  private nextSlot = 0;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly options: SenderOptions = {},
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.transport.connections }, () => this.loop());
  }

  /** A mail was queued in this process: look now rather than at the next poll. */
  wake(): void {
    for (const wake of this.wakers.splice(0)) {
      wake();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.transport.close();
  }

  /** Sends what is due until nothing is, with every connection; returns how many were tried. */
  async drain(): Promise<number> {
    const counts = await Promise.all(
      Array.from({ length: this.transport.connections }, async () => {
        const connection = { delivered: null as string | null };
        let tried = 0;
        while (await this.sendOne(connection)) {
          tried += 1;
        }
        return tried;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async loop(): Promise<void> {
    // The mail this connection delivered last, marked sent with its next claim.
    const connection = { delivered: null as string | null };
    while (this.running) {
      let sent = false;
      try {
        sent = await this.sendOne(connection);
      } catch (error) {
        this.options.log?.(`mail: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!sent && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
          this.wakers.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
    if (connection.delivered) {
      const delivered = connection.delivered;
      await this.worker((db) => markMailSent(db, delivered)).catch(() => {});
    }
  }

  private async paced(): Promise<void> {
    const rate = this.options.ratePerSecond;
    if (!rate) {
      return;
    }
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / rate;
    if (slot > now) {
      await new Promise((resolve) => setTimeout(resolve, slot - now));
    }
  }

  private readonly bodies = new Map<string, { text_body: string; html_body: string | null }>();

  /** A shared body, read once per process (a campaign's many mails use one). */
  private async body(id: string): Promise<{ text_body: string; html_body: string | null }> {
    const known = this.bodies.get(id);
    if (known) {
      return known;
    }
    const found = await this.worker((db) => findMailBody(db, id));
    if (!found) {
      throw new Error(`mail body ${id} is missing`);
    }
    if (this.bodies.size >= 100) {
      this.bodies.clear();
    }
    this.bodies.set(id, found);
    return found;
  }

  private worker<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.options.workerSessions ? work(this.options.workerSessions) : asWorker(this.db, work);
  }

  /** Connections waiting for the next statement: each with its last delivery, to be marked sent, and a mail to claim. */
  private waiting: Array<{ delivered: string | null; settle: (row: OutboxRow | undefined, error?: unknown) => void }> = [];
  private claiming = false;

  /**
   * Marks a connection's last delivery sent and claims its next mail. Connections that ask
   * while a statement is under way go together in the next one (`markSentAndClaim`): one
   * round trip for many mails, and each mail still marked sent before its connection's
   * next exchange begins.
   */
  private claim(delivered: string | null): Promise<OutboxRow | undefined> {
    const claimed = new Promise<OutboxRow | undefined>((resolve, reject) =>
      this.waiting.push({ delivered, settle: (row, error) => (error === undefined ? resolve(row) : reject(error)) }),
    );
    if (!this.claiming) {
      void this.claimTogether();
    }
    return claimed;
  }

  private async claimTogether(): Promise<void> {
    this.claiming = true;
    while (this.waiting.length > 0) {
      const together = this.waiting.splice(0);
      const sent = together.flatMap(({ delivered }) => (delivered === null ? [] : [delivered]));
      try {
        const rows = await this.worker((db) => markSentAndClaim(db, sent, together.length, this.options.leaseSeconds ?? 600));
        together.forEach(({ settle }, index) => settle(rows[index]));
      } catch (error) {
        for (const { settle } of together) {
          settle(undefined, error ?? new Error("claim failed"));
        }
      }
    }
    this.claiming = false;
  }

  /** One exchange on a connection: mark its last delivery sent and claim the next, then deliver it. */
  private async sendOne(connection: { delivered: string | null }): Promise<boolean> {
    await this.paced();
    const delivered = connection.delivered;
    const row = await this.claim(delivered);
    connection.delivered = null;
    if (!row) {
      return false;
    }
    try {
      await this.transport.send(outgoing(row, row.body_id ? await this.body(row.body_id) : undefined));
      connection.delivered = row.id;
    } catch (error) {
      await this.failed(row, error);
    }
    return true;
  }

  private async failed(row: OutboxRow, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const responseCode = typeof (error as { responseCode?: unknown }).responseCode === "number" ? (error as { responseCode: number }).responseCode : null;
    const permanent = responseCode !== null && responseCode >= 500;
    const givingUp = permanent || row.attempts >= (this.options.maxAttempts ?? 12);
    await this.worker((db) => markMailFailed(db, row.id, { message, responseCode }, givingUp ? null : retryMinutes(row.attempts)));
    this.options.log?.(`mail: ${row.purpose} ${row.id} ${givingUp ? "failed" : "will be retried"}: ${message}`);
    if (permanent && this.options.onRejected) {
      await this.options.onRejected({ id: row.id, municipalityId: row.municipality_id, to: row.to_address, purpose: row.purpose, responseCode, message });
    }
  }
}

/** Text made safe inside HTML, for mail built as strings (no renderer escapes it). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A shared body with this mail's values in its `{{name}}` placeholders (escaped in the HTML). */
export function fillPlaceholders(template: string, vars: Record<string, string>, html: boolean): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (name in vars ? (html ? escapeHtml(vars[name]!) : vars[name]!) : match));
}

function outgoing(row: OutboxRow, body?: { text_body: string; html_body: string | null }): OutgoingMail {
  if (body) {
    return {
      id: row.id,
      municipalityId: row.municipality_id,
      messageId: row.message_id,
      from: row.from_address,
      replyTo: row.reply_to,
      to: row.to_address,
      subject: row.subject,
      text: fillPlaceholders(body.text_body, row.vars, false),
      html: body.html_body === null ? null : fillPlaceholders(body.html_body, row.vars, true),
      headers: row.headers,
      attachments: row.attachments,
    };
  }
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    messageId: row.message_id,
    from: row.from_address,
    replyTo: row.reply_to,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: row.headers,
    attachments: row.attachments,
  };
}
