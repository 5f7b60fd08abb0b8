import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildDeskRecords, deskLinks } from "../../../test/helpers/desk.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { backgroundWork } from "../../background.js";
import { seedDesk } from "../../modules/desk/seed.js";
import * as desk from "../../modules/desk/service.js";
import { asWorker, inScope } from "../db/database.js";
import { JobRunner } from "../jobs/runner.js";
import { attemptDelivery, keptDays, pauseAfter, pruneDeliveries } from "./deliver.js";
import { emitEvent } from "./emit.js";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let admin: Session;
let categoryId: string;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** What the receiver answers next, in order; 200 once they run out. */
let answers: number[] = [];

const runner = () =>
  new JobRunner(db.app, {
    handlers: backgroundWork(db.app, { publicUrl: undefined, dataDir: "unused", secret: "x".repeat(32), webhooksInternal: true }).handlers,
  });
const post = (url: string, fields: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: askersund.host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...fields, _csrf: admin.csrf }),
  });
const deliveries = () => inScope(db.app, askersund.scope, (tx) => tx.selectFrom("webhook_deliveries").selectAll().orderBy("created_at").execute());
const endpointRow = (id: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
// The runner's backoff is real time: a test that wants the next attempt now makes the job due.
const makeJobsDue = () =>
  asWorker(db.app, (tx) =>
    tx
      .updateTable("jobs")
      .set({ run_at: new Date(Date.now() - 1000) })
      .where("done_at", "is", null)
      .where("failed_at", "is", null)
      .execute(),
  );

async function register(eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const response = await post("/admin/webhooks/ny", { url: receiverUrl, description: "Ärendesystemet", event_types: eventTypes });
  expect(response.statusCode).toBe(201);
  const secret = /<code>(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(response.body)?.[1];
  const id = /href="\/admin\/webhooks\/([0-9a-f-]{36})"/.exec(response.body)?.[1];
  expect(secret).toBeDefined();
  return { id: id!, secret: secret! };
}

async function newCase(subject: string) {
  return desk.registerCase(
    systemContext(db.app, askersund),
    {
      org_number: null,
      company_name: "Kärra AB",
      name: "Petra Person",
      email: "petra@example.se",
      phone: null,
      category_id: categoryId,
      subject,
      description: "Hur?",
      channel: "mail",
      priority: "normal",
      language: "sv",
    },
    [],
    "sv",
    deskLinks(askersund),
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await seedDesk(db.app, askersund.scope, () => {});
  const unit = await buildUnit(db.app, askersund, { name: "Miljö och bygg" });
  categoryId = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  app = await buildTestApp(db.app);
  admin = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["admin"], email: "it@askersund.test" })).email);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(answers.shift() ?? 200, { "content-type": "text/plain" }).end("tack");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lotsen`;
});

beforeEach(async () => {
  received = [];
  answers = [];
  await inScope(db.app, askersund.scope, (tx) => tx.deleteFrom("webhook_endpoints").execute());
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
  await db.drop();
});

describe("webhooks", () => {
  it("delivers a new case, signed as Standard Webhooks describe, with ids and no subject", async () => {
    const { id, secret } = await register(["desk.case.created"]);
    expect((await app.inject({ url: `/admin/webhooks/${id}`, headers: { host: askersund.host, cookie: admin.cookie } })).body).not.toContain(secret);
    const created = await newCase("Försäljning av fastigheten Kärra 1:4");
    expect(await runner().runDue()).toBeGreaterThan(0);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    // The reference library accepts it …
    const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe("desk.case.created");
    expect(verified.data).toMatchObject({ case_id: created.id, number: created.number, category_id: categoryId });
    expect(delivery!.body).not.toContain("Kärra");
    // … and so does the specification done by hand: base64 HMAC-SHA256 of "id.timestamp.body" under the decoded secret.
    const signed = `${delivery!.headers["webhook-id"]}.${delivery!.headers["webhook-timestamp"]}.${delivery!.body}`;
    const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
      .update(signed)
      .digest("base64");
    expect(String(delivery!.headers["webhook-signature"]).split(" ")).toContain(`v1,${expected}`);
    expect((await deliveries())[0]).toMatchObject({ status: "delivered", attempts: 1, last_status: 200, last_response: "tack" });
  });

  it("writes deliveries in the change's transaction: a change that fails leaves none", async () => {
    await register(["desk.case.created"]);
    await expect(
      inScope(db.app, askersund.scope, async (tx) => {
        await emitEvent(tx, "desk.case.created", { case_id: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliveries()).toEqual([]);
    expect(await runner().runDue()).toBe(0);
  });

  it("tries again with backoff under the same message id, and logs each answer", async () => {
    await register(["desk.case.created"]);
    answers = [503, 502];
    await newCase("Bygglov");
    await runner().runDue();
    expect((await deliveries())[0]).toMatchObject({ status: "pending", attempts: 1, last_status: 503 });
    // The next attempt waits for the runner's backoff; nothing is sent before it is due.
    expect(await runner().runDue()).toBe(0);
    await makeJobsDue();
    await runner().runDue();
    await makeJobsDue();
    await runner().runDue();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((one) => one.headers["webhook-id"])).size).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: "delivered", attempts: 3, last_status: 200 });
  });

  it("pauses an endpoint that keeps failing, tells the administrators, holds its deliveries, and sends them when resumed", async () => {
    const { id } = await register(["desk.case.created", "desk.case.closed"]);
    await newCase("Serveringstillstånd");
    await newCase("Alkoholtillstånd");
    const [first, second] = await deliveries();
    answers = Array.from({ length: pauseAfter }, () => 500);
    // Failures in a row over two deliveries, each short of its last attempt: the endpoint, not a delivery, is failing.
    for (let attempt = 1; attempt <= pauseAfter; attempt += 1) {
      await attemptDelivery(db.app, askersund.id, (attempt % 2 === 0 ? second : first)!.id, Math.ceil(attempt / 2), { allowInternal: true });
    }
    const paused = await endpointRow(id);
    expect(paused.paused_at).not.toBeNull();
    expect(paused.pause_reason).toBe("HTTP 500");
    const mail = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("mail_outbox").select(["to_address", "subject"]).where("purpose", "=", "webhooks.paused").execute(),
    );
    expect(mail).toEqual([{ to_address: "it@askersund.test", subject: `Lotsen har pausat en webhook: ${receiverUrl}` }]);
    const page = await app.inject({ url: `/admin/webhooks/${id}`, headers: { host: askersund.host, cookie: admin.cookie } });
    expect(page.body).toContain("Pausad sedan");
    // While paused, a new case's delivery waits: written, but no attempt.
    received = [];
    await newCase("Skylt");
    await makeJobsDue();
    await runner().runDue();
    expect(received).toEqual([]);
    expect((await deliveries()).filter((row) => row.status === "pending")).toHaveLength(3);
    const resumed = await post(`/admin/webhooks/${id}/aterstart`, {});
    expect(resumed.statusCode).toBe(303);
    await runner().runDue();
    expect(received).toHaveLength(3);
    expect((await deliveries()).map((row) => row.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect((await endpointRow(id)).failures_in_row).toBe(0);
  });

  it("refuses to call inside the installation's network unless the installation allows it", async () => {
    await register(["desk.case.created"]);
    await newCase("Markköp");
    const [delivery] = await deliveries();
    expect(await attemptDelivery(db.app, askersund.id, delivery!.id, 1, { allowInternal: false })).toBe("retry");
    expect(received).toEqual([]);
    expect((await deliveries())[0]!.last_error).toContain("127.0.0.1 is inside the installation's network");
  });

  it("names a bad address and an unknown event type, with the values kept", async () => {
    const response = await post("/admin/webhooks/ny", { url: "ftp://mottagare.example.se", event_types: ["desk.case.created"] });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#f-url"');
    expect(response.body).toContain('value="ftp://mottagare.example.se"');
    const unknown = await post("/admin/webhooks/ny", { url: "https://mottagare.example.se", event_types: ["desk.case.exploded"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('href="#f-event_types"');
    const none = await post("/admin/webhooks/ny", { url: "https://mottagare.example.se" });
    expect(none.body).toContain("Välj minst en händelse");
  });

  it("sends a failed delivery again on request, and a test event to one endpoint", async () => {
    const { id } = await register(["desk.case.created"]);
    await post(`/admin/webhooks/${id}/test`, {});
    await runner().runDue();
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "webhook.test", data: { endpoint_id: id } });
    await inScope(db.app, askersund.scope, (tx) => tx.updateTable("webhook_deliveries").set({ status: "failed" }).execute());
    const [delivery] = await deliveries();
    expect((await post(`/admin/webhookleveranser/${delivery!.id}/igen`, {})).statusCode).toBe(303);
    await runner().runDue();
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    expect((await deliveries())[0]!.status).toBe("delivered");
  });

  it("keeps a delivered delivery in the log for 30 days, and a failed one until it is dealt with", async () => {
    await register(["desk.case.created"]);
    await newCase("Gammalt");
    await newCase("Misslyckat");
    await runner().runDue();
    const [delivered, failed] = await deliveries();
    const old = new Date(Date.now() - (keptDays + 1) * 86_400_000);
    await inScope(db.app, askersund.scope, async (tx) => {
      await tx.updateTable("webhook_deliveries").set({ delivered_at: old }).where("id", "=", delivered!.id).execute();
      await tx.updateTable("webhook_deliveries").set({ status: "failed", delivered_at: null }).where("id", "=", failed!.id).execute();
    });
    expect(await pruneDeliveries(db.app)).toBe(1);
    expect((await deliveries()).map((row) => row.id)).toEqual([failed!.id]);
  });
});
