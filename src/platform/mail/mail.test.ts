import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { startSmtpSink } from "../../../test/helpers/smtp.js";
import { statementsDuring } from "../../../test/helpers/statements.js";
import { asWorker } from "../db/database.js";
import { queueMail, redactMail, type MailRequest } from "./repo.js";
import { MailSender } from "./sender.js";
import { fileTransport, removeMailFiles, smtpTransport } from "./transport.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const mail = (to: string, extra: Partial<MailRequest> = {}): MailRequest => ({
  municipalityId: null,
  purpose: "test",
  to,
  subject: `Hej ${to}`,
  text: `Hej ${to}!`,
  ...extra,
});
const queue = (requests: MailRequest[]) => asWorker(db.app, async (tx) => Promise.all(requests.map((request) => queueMail(tx, request))));
const rows = () =>
  asWorker(
    db.app,
    async (tx) =>
      (
        await sql<{
          id: string;
          to_address: string;
          status: string;
          attempts: number;
          next_attempt_at: Date;
          response_code: number | null;
        }>`select id, to_address, status, attempts, next_attempt_at, response_code from mail_outbox`.execute(tx)
      ).rows,
  );

describe("the outbox", () => {
  it("sends a committed mail once with its Message-ID and headers, and never one whose change rolled back", async () => {
    const sink = await startSmtpSink();
    const [queued] = await queue([
      mail("ada@example.se", {
        headers: { "List-Unsubscribe": "<https://example.se/avsluta>" },
        html: "<p>Hej</p>",
        attachments: [{ filename: "a.ics", contentType: "text/calendar", content: Buffer.from("BEGIN:VCALENDAR").toString("base64") }],
      }),
    ]);
    await expect(
      asWorker(db.app, async (tx) => {
        await queueMail(tx, mail("rolled-back@example.se"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const sender = new MailSender(db.app, smtpTransport(sink.url, 2));
    expect(await sender.drain()).toBe(1);
    expect(await sender.drain()).toBe(0);
    await sender.stop();
    await sink.close();
    expect(sink.received.map((m) => m.to)).toEqual(["ada@example.se"]);
    expect(sink.received[0]!.messageId).toBe(queued!.messageId);
    expect(sink.received[0]!.rawHeaders).toContain("List-Unsubscribe: <https://example.se/avsluta>");
    expect(sink.received[0]!.attachments[0]!.content.toString()).toBe("BEGIN:VCALENDAR");
    expect((await rows()).find((row) => row.id === queued!.id)!.status).toBe("sent");
  });

  it("gives up on a permanent rejection (5xx) and says so; retries a temporary one later", async () => {
    await asWorker(db.app, (tx) => sql`delete from mail_outbox`.execute(tx));
    const sink = await startSmtpSink({
      reply: (to) => (to.startsWith("gone") ? { code: 550, text: "No such user" } : to.startsWith("busy") ? { code: 451, text: "Try again later" } : undefined),
    });
    await queue([mail("gone@example.se"), mail("busy@example.se")]);
    const rejected: { to: string; responseCode: number }[] = [];
    const sender = new MailSender(db.app, smtpTransport(sink.url, 1), { onRejected: async (m) => void rejected.push(m) });
    await sender.drain();
    await sender.stop();
    await sink.close();
    const byTo = Object.fromEntries((await rows()).map((row) => [row.to_address, row]));
    expect(byTo["gone@example.se"]).toMatchObject({ status: "failed", response_code: 550, attempts: 1 });
    expect(rejected).toMatchObject([{ to: "gone@example.se", responseCode: 550 }]);
    expect(byTo["busy@example.se"]).toMatchObject({ status: "queued", response_code: 451, attempts: 1 });
    expect(byTo["busy@example.se"]!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("without SMTP writes .eml files that only Lotsen's user can read, that erasure removes, and erasure empties the outbox rows", async () => {
    await asWorker(db.app, (tx) => sql`delete from mail_outbox`.execute(tx));
    const folder = await mkdtemp(path.join(tmpdir(), "lotsen-mail-"));
    const subject = "0190a000-0000-7000-8000-000000000001";
    const [queued] = await queue([mail("eva@example.se", { subjectRef: subject, subject: "Ärende 2026-0001" })]);
    const sender = new MailSender(db.app, fileTransport(folder));
    await sender.drain();
    await sender.stop();
    const [day] = await readdir(folder);
    const file = path.join(folder, day!, `${queued!.id}.eml`);
    const raw = await readFile(file, "utf8");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(folder, day!))).mode & 0o777).toBe(0o700);
    expect(raw).toContain("eva@example.se");
    expect(raw).toContain(`Message-ID: ${queued!.messageId}`);
    const ids = await asWorker(db.app, (tx) => redactMail(tx, subject));
    await removeMailFiles(folder, ids);
    expect(await readdir(path.join(folder, day!))).toEqual([]);
    const [row] = await rows();
    expect(row!.to_address).toBe("[raderad]");
    await rm(folder, { recursive: true, force: true });
  });

  it("claims for connections that ask together in one statement, and sends each mail once", async () => {
    await asWorker(db.app, (tx) => sql`delete from mail_outbox`.execute(tx));
    const total = 40;
    const sink = await startSmtpSink({ delayMs: 5 });
    const queued = await queue(Array.from({ length: total }, (_, i) => mail(`together${i}@example.se`)));
    const sender = new MailSender(db.app, smtpTransport(sink.url, 4));
    const statements = await statementsDuring(() => sender.drain());
    await sender.stop();
    await sink.close();
    const claims = statements.filter((statement) => /from mail_outbox[\s\S]*for update skip locked/.test(statement));
    // One statement per mail, and one more per connection to find nothing left, without sharing.
    expect(claims.length).toBeLessThan(total);
    expect(sink.received.map((m) => m.messageId).sort()).toEqual(queued.map((q) => q.messageId).sort());
    expect((await rows()).every((row) => row.status === "sent")).toBe(true);
  });

  it("a process killed mid-send loses nothing and repeats at most one mail per open connection, with the same Message-ID", async () => {
    await asWorker(db.app, (tx) => sql`delete from mail_outbox`.execute(tx));
    const total = 400;
    const connections = 3;
    const sink = await startSmtpSink({ delayMs: 5 });
    const queued = await queue(Array.from({ length: total }, (_, i) => mail(`person${i}@example.se`)));
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/mail-sender.ts"], {
      env: { ...process.env, DATABASE_URL: db.appUrl, SMTP_URL: sink.url, CONNECTIONS: String(connections) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (sink.received.length >= total / 3) {
          clearInterval(check);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.once("exit", (code) => code !== null && reject(new Error(`sender exited with ${code}`)));
    });
    await new Promise((resolve) => child.once("exit", resolve));
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeLessThan(total);
    // The dead process's in-flight mails are taken up again once their lease runs out.
    await asWorker(db.app, (tx) =>
      sql`update mail_outbox set lease_until = now() - interval '1 second' where lease_until is not null and status = 'queued'`.execute(tx),
    );
    const sender = new MailSender(db.app, smtpTransport(sink.url, connections));
    await sender.drain();
    await sender.stop();
    await sink.close();
    const counts = new Map<string, number>();
    for (const received of sink.received) {
      counts.set(received.messageId, (counts.get(received.messageId) ?? 0) + 1);
    }
    expect(new Set(queued.map((q) => q.messageId))).toEqual(new Set(counts.keys()));
    const repeats = sink.received.length - counts.size;
    expect(repeats).toBeLessThanOrEqual(connections);
    expect((await rows()).every((row) => row.status === "sent")).toBe(true);
  }, 60_000);
});
