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
  listId = await subscriptions.createList(systemContext(db.app, askersund), { name_sv: "Alla", name_en: "All", description_sv: null, description_en: null, public: true });
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

afterAll(async () => {
  await sink.close();
  await db.drop();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "test/fixtures/campaign-worker.ts"], {
    env: { ...process.env, DATABASE_URL: db.appUrl, SMTP_URL: sink.url, CONNECTIONS: String(connections), SECRET: testSecret, LEASE_SECONDS: "3" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const until = async (condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const jobs = await asWorker(db.app, async (tx) => (await sql`select queue, attempts, done_at, failed_at, last_error, locked_until from jobs`.execute(tx)).rows);
      const outbox = await asWorker(db.app, async (tx) => (await sql`select status, count(*)::int from mail_outbox group by status`.execute(tx)).rows);
      throw new Error(`timed out waiting for ${what}: received ${sink.received.length}, jobs ${JSON.stringify(jobs)}, outbox ${JSON.stringify(outbox)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("a campaign to 20,000 subscribers killed with SIGKILL halfway", () => {
  it("resumes after restart: every recipient gets the mail, and only mails caught in their SMTP exchange are repeated, at most one per connection, with the same Message-ID", async () => {
    const ctx = systemContext(db.app, askersund);
    const id = await campaigns.createCampaign(ctx, { subject: "Till alla", body: "Hej **alla**!", language: "sv", archive: false, list_ids: [listId], sections: [], size_classes: [], tags: [], in_area: false });
    expect(await campaigns.sendNow(ctx, id, `http://${askersund.host}`)).toBe(total);

    const first = startWorker();
    const exited = new Promise((resolve) => first.once("exit", resolve));
    await until(() => sink.received.length >= total * 0.4, 60_000, "the first worker to send 40 %");
    first.kill("SIGKILL");
    await exited;
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeLessThan(total);

    const second = startWorker();
    try {
      await until(async () => (await campaigns.getCampaign(ctx, id)).campaign.status === "sent", 240_000, "the campaign to be sent after the restart");
    } finally {
      second.kill("SIGTERM");
    }

    const expected = await inScope(db.app, askersund.scope, async (tx) => (await sql<{ message_id: string; to_address: string }>`select o.message_id, o.to_address from campaign_recipients r join mail_outbox o on o.id = r.outbox_id where r.campaign_id = ${id}`.execute(tx)).rows);
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
  }, 420_000);
});
