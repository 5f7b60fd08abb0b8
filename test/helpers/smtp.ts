import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** The header block as sent, one `Name: value` line per header. */
  rawHeaders: string;
  attachments: { filename?: string; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  close: () => Promise<void>;
}

export interface SinkOptions {
  /** Milliseconds the server takes to accept each message (to catch a sender mid-exchange). */
  delayMs?: number;
  /** Answer for a recipient: a code and text rejects it (e.g. 550 for a hard bounce, 451 to try later). */
  reply?: (to: string) => { code: number; text: string } | undefined;
  /** Keep only the Message-ID and recipient, read from the raw header (for thousands of mails, without mailparser's cost). */
  headersOnly?: boolean;
}

/** A real SMTP server (smtp-server) on loopback that keeps what it accepts, parsed by mailparser. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // A municipality's own server is reached with a user and password: any is taken, over plain loopback.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = options.reply?.(address.address);
      if (reply) {
        const error = Object.assign(new Error(reply.text), { responseCode: reply.code });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      if (options.headersOnly) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
          received.push({
            messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(", "),
            subject: "",
            text: "",
            html: "",
            headers: new Map(),
            rawHeaders: head,
            attachments: [],
          });
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then(async (mail) => {
          if (options.delayMs) {
            await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          }
          received.push({
            messageId: mail.messageId ?? "",
            to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? ""),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            headers: mail.headers,
            rawHeaders: mail.headerLines.map((line) => line.line).join("\n"),
            attachments: mail.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A sender killed mid-exchange resets its connections; the server reports it and carries on.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
