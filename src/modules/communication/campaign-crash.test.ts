import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, systemContext, type TestMunicipality } from "../../../test/helpers/factories.js";
import { startSmtpSink, type SmtpSink } from "../../../test/helpers/smtp.js";
import { testSecret } from "../../../test/global-setup.js";
import { asWorker, inScope } from "../../platform/db/database.js";
import * as campaigns from "./campaign-service.js";
import * as subscriptions from "./subscription-service.js";

const total = 20_000;
const connections = 4;

let db: TestDatabase;
let askersund: TestMunicipality;
let sink: SmtpSink;
let listId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  listId = await subscriptions.createList(systemContext(db.app, askersund), {
    name_sv: "Alla",
    name_en: "All",
    description_sv: null,
    description_en: null,
    public: true,
  });
  await inScope(db.app, askersund.scope, async (tx) => {
    await sql`
      insert into subscribers (id, municipality_id, email, token_salt)
      select gen_random_uuid(), ${askersund.id}, 'mottagare' || n || '@example.se', md5(n::text) from generate_series(1, ${total}) n`.execute(tx);
    await sql`
      insert into subscriptions (municipality_id, subscriber_id, list_id, status, consent_method, consent_source, confirmed_at)
      select ${askersund.id}, id, ${listId}, 'confirmed', 'staff', 'import', now() from subscribers`.execute(tx);
  });
  sink = await startSmtpSink({ headersOnly: true, delayMs: 0 });
}, 120_000);

// Every worker this file starts is stopped when the file ends, passed or failed.
const workers = new Set<ChildProcess>();

afterAll(async () => {
  for (const worker of workers) {
    if (worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGKILL");
      await exited;
    }
  }
  await sink.close();
  await db.drop();
});

function startWorker(): ChildProcess {
  // Its stdin is a pipe from this process: should this process die, the worker sees the pipe
  // close and stops, rather than sending on as an orphan.
  const worker = spawn(process.execPath, ["--import", "tsx", "test/fixtures/campaign-worker.ts"], {
    env: { ...process.env, DATABASE_URL: db.appUrl, SMTP_URL: sink.url, CONNECTIONS: String(connections), SECRET: testSecret, LEASE_SECONDS: "3" },
    stdio: ["pipe", "ignore", "inherit"],
  });
  workers.add(worker);
  return worker;
}

/**
 * Waits for progress, not for a clock: it fails only when nothing has moved for `stallMs`
 * (on a busy machine the work is slower, never stalled) or the worker died.
 */
const until = async (condition: () => Promise<boolean> | boolean, stallMs: number, what: string, worker?: ChildProcess) => {
  let lastCount = sink.received.length;
  let lastMove = Date.now();
  while (!(await condition())) {
    if (sink.received.length !== lastCount) {
      lastCount = sink.received.length;
      lastMove = Date.now();
    }
    if (worker && (worker.exitCode !== null || worker.signalCode !== null)) {
      throw new Error(`the worker stopped (${worker.exitCode ?? worker.signalCode}) before ${what}`);
    }
    if (Date.now() - lastMove > stallMs) {
      const jobs = await asWorker(
        db.app,
        async (tx) => (await sql`select queue, attempts, done_at, failed_at, last_error, locked_until from jobs`.execute(tx)).rows,
      );
      const outbox = await asWorker(db.app, async (tx) => (await sql`select status, count(*)::int from mail_outbox group by status`.execute(tx)).rows);
      throw new Error(
        `no progress for ${stallMs / 1000} s waiting for ${what}: received ${sink.received.length}, jobs ${JSON.stringify(jobs)}, outbox ${JSON.stringify(outbox)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("a campaign to 20,000 subscribers killed with SIGKILL halfway", () => {
  it("resumes after restart: every recipient gets the mail, and only mails caught in their SMTP exchange are repeated, at most one per connection, with the same Message-ID", async () => {
    const ctx = systemContext(db.app, askersund);
    const id = await campaigns.createCampaign(ctx, {
      subject: "Till alla",
      body: "Hej **alla**!",
      language: "sv",
      archive: false,
      list_ids: [listId],
      sections: [],
      size_classes: [],
      tags: [],
      in_area: false,
    });
    expect(await campaigns.sendNow(ctx, id, `http://${askersund.host}`)).toBe(total);

    const first = startWorker();
    const exited = new Promise((resolve) => first.once("exit", resolve));
    await until(() => sink.received.length >= total * 0.4, 90_000, "the first worker to send 40 %", first);
    first.kill("SIGKILL");
    await exited;
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeLessThan(total);

    const second = startWorker();
    try {
      await until(async () => (await campaigns.getCampaign(ctx, id)).campaign.status === "sent", 90_000, "the campaign to be sent after the restart", second);
    } finally {
      second.kill("SIGTERM");
    }

    const expected = await inScope(
      db.app,
      askersund.scope,
      async (tx) =>
        (
          await sql<{
            message_id: string;
            to_address: string;
          }>`select o.message_id, o.to_address from campaign_recipients r join mail_outbox o on o.id = r.outbox_id where r.campaign_id = ${id}`.execute(tx)
        ).rows,
    );
    expect(expected).toHaveLength(total);
    const counts = new Map<string, number>();
    for (const mail of sink.received) {
      counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    }
    expect(new Set(counts.keys())).toEqual(new Set(expected.map((row) => row.message_id)));
    expect(new Set(sink.received.map((mail) => mail.to)).size).toBe(total);
    const repeats = sink.received.length - counts.size;
    expect(repeats).toBeLessThanOrEqual(connections);
    const view = await campaigns.getCampaign(ctx, id);
    expect(view.progress).toMatchObject({ recipients: total, sent: total, queued: 0, waiting: 0, failed: 0 });
    console.log(`campaign crash test: ${beforeRestart} received before the kill, ${repeats} repeated after it`);
  }, 900_000);
});
