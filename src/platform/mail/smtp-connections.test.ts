import { EventEmitter, once } from "node:events";
import type { AddressInfo } from "node:net";
import MailComposer from "nodemailer/lib/mail-composer";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { SmtpConnections } from "./smtp-connections.js";

interface Server {
  port: number;
  /** Sessions opened so far, and the session each accepted message came over. */
  sessions: string[];
  delivered: Array<{ session: string; to: string; body: string }>;
  /** Emits "close" when a session ends at the server. */
  events: EventEmitter;
  close: () => Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A real SMTP server on loopback; `refuse` is a recipient it answers 550, `idleMs` how soon it ends an idle session. */
async function startServer(options: { refuse?: string; idleMs?: number } = {}): Promise<Server> {
  const sessions: string[] = [];
  const delivered: Server["delivered"] = [];
  const events = new EventEmitter();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    ...(options.idleMs ? { socketTimeout: options.idleMs } : {}),
    onConnect(session, callback) {
      sessions.push(session.id);
      callback();
    },
    onClose() {
      events.emit("close");
    },
    onRcptTo(address, _session, callback) {
      if (address.address === options.refuse) {
        return callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        delivered.push({ session: session.id, to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(), body: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  smtp.on("error", () => {});
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const server = {
    port: (smtp.server.address() as AddressInfo).port,
    sessions,
    delivered,
    events,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
  servers.push(server);
  return server;
}

async function built(to: string, text = `Hej ${to}!`) {
  const message = new MailComposer({ from: "lotsen@askersund.se", to, subject: "Nyhetsbrev", text }).compile();
  return { envelope: message.getEnvelope(), raw: await message.build() };
}

const connectionsTo = (server: Server) => new SmtpConnections({ host: "127.0.0.1", port: server.port, ignoreTLS: true }, undefined);

describe("SMTP sessions of Lotsen's own", () => {
  it("sends each message whole over a kept session, one session per message under way", async () => {
    const server = await startServer();
    const connections = connectionsTo(server);
    // Two lanes, as two of the sender's connections: each sends its next when its last is accepted.
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let index = 0; index < 3; index += 1) {
          const { envelope, raw } = await built(`person${lane}-${index}@example.se`, `Rad ett\n.\nRad tre, ${lane}-${index}`);
          await connections.send(envelope, raw);
        }
      }),
    );
    connections.close();
    expect(server.delivered).toHaveLength(6);
    expect(server.sessions).toHaveLength(2);
    // A line of a single dot is sent dot-stuffed, and arrives as the line it was.
    expect(server.delivered.find((mail) => mail.to === "person1-2@example.se")?.body).toContain("Rad ett\r\n.\r\nRad tre, 1-2");
  });

  it("keeps the session after a recipient is refused, with the refusal's code for the sender", async () => {
    const server = await startServer({ refuse: "gone@example.se" });
    const connections = connectionsTo(server);
    const refused = await built("gone@example.se");
    await expect(connections.send(refused.envelope, refused.raw)).rejects.toMatchObject({ responseCode: 550 });
    const next = await built("here@example.se");
    await connections.send(next.envelope, next.raw);
    connections.close();
    expect(server.delivered.map((mail) => mail.to)).toEqual(["here@example.se"]);
    expect(server.sessions).toHaveLength(1);
  });

  it("sends over a new session when the server has ended the kept one while it was idle", async () => {
    const server = await startServer({ idleMs: 1000 });
    const connections = connectionsTo(server);
    const first = await built("first@example.se");
    await connections.send(first.envelope, first.raw);
    await once(server.events, "close");
    const second = await built("second@example.se");
    await connections.send(second.envelope, second.raw);
    connections.close();
    expect(server.delivered.map((mail) => mail.to)).toEqual(["first@example.se", "second@example.se"]);
    expect(server.sessions).toHaveLength(2);
  });

  it("throws when the server cannot be reached, for the sender to try again later", async () => {
    const server = await startServer();
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const connections = connectionsTo(server);
    const mail = await built("someone@example.se");
    await expect(connections.send(mail.envelope, mail.raw)).rejects.toThrow(/ECONNREFUSED/);
  });
});
