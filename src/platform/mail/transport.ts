import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type { MailAttachment } from "../db/schema.js";
import { SmtpConnections } from "./smtp-connections.js";

export interface OutgoingMail {
  id: string;
  /** Whose mail it is: a municipality may deliver through its own server. */
  municipalityId?: string | null;
  messageId: string;
  from: string;
  replyTo: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attachments: MailAttachment[];
}

export interface MailTransport {
  /** Delivers one mail or throws; an SMTP rejection carries `responseCode`. */
  send(mail: OutgoingMail): Promise<void>;
  /** How many mails may be in their SMTP exchange at once. */
  readonly connections: number;
  close(): void;
}

function composed(mail: OutgoingMail): SendMailOptions {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo ?? undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    headers: mail.headers,
    attachments: mail.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.content, "base64") })),
  };
}

/**
 * SMTP over up to `connections` sessions (`SMTP_URL`, e.g. `smtp://user:pass@host:587`).
 * Each mail is built whole first and leaves as one buffer (`SmtpConnections`), rather than
 * a write per part of it.
 */
export function smtpTransport(url: string, connections = 2): MailTransport {
  const parsed = new URL(url);
  const sessions = new SmtpConnections(
    {
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)),
      secure: parsed.protocol === "smtps:",
      ignoreTLS: parsed.searchParams.get("ignoreTLS") === "true",
    },
    parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
  );
  return {
    connections,
    async send(mail) {
      const message = new MailComposer(composed(mail)).compile();
      await sessions.send(message.getEnvelope(), await message.build());
    },
    close: () => sessions.close(),
  };
}

/**
 * Without a mail server: each mail is written as an `.eml` file under the data folder
 * (`mail/YYYY-MM-DD/<id>.eml`), so `npm start` needs no SMTP and a developer can open them.
 */
export function fileTransport(folder: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    connections: 1,
    async send(mail) {
      const info = await composer.sendMail(composed(mail));
      const dayFolder = path.join(folder, new Date().toISOString().slice(0, 10));
      // Mail holds personal data and private links: readable by Lotsen's user alone.
      await mkdir(dayFolder, { recursive: true, mode: 0o700 });
      const target = path.join(dayFolder, `${mail.id}.eml`);
      await writeFile(`${target}.tmp`, info.message as Buffer, { mode: 0o600 });
      await rename(`${target}.tmp`, target);
    },
    close: () => composer.close(),
  };
}

/** Erasure of stored mail files by outbox id. */
export async function removeMailFiles(folder: string, ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids.map((id) => `${id}.eml`));
  const days = await readdir(folder).catch(() => [] as string[]);
  for (const day of days) {
    for (const file of await readdir(path.join(folder, day)).catch(() => [] as string[])) {
      if (wanted.has(file)) {
        await rm(path.join(folder, day, file), { force: true });
      }
    }
  }
}
