import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, type TestMunicipality } from "../../../test/helpers/factories.js";
import { startSmtpSink, type SmtpSink } from "../../../test/helpers/smtp.js";
import { testSecret } from "../../../test/global-setup.js";
import { inScope } from "../db/database.js";
import { MunicipalTransport, setMunicipalMail } from "./municipal.js";
import { queueMail, queueMails, type MailRequest } from "./repo.js";
import { MailSender } from "./sender.js";
import { defaultSender } from "./settings.js";
import { smtpTransport } from "./transport.js";

/** Every municipality its own mail: its sender address and its SMTP server, proven with two real SMTP servers. */
let db: TestDatabase;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let own: SmtpSink;
let installation: SmtpSink;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  [own, installation] = await Promise.all([startSmtpSink(), startSmtpSink()]);
});

afterAll(async () => {
  await Promise.all([own.close(), installation.close()]);
  await db.drop();
});

const mail = (municipality: TestMunicipality, subject: string): MailRequest => ({
  municipalityId: municipality.id,
  purpose: "test.municipal",
  to: `mottagare@${municipality.host}`,
  subject,
  text: "Hej!",
});

/** Sends what is queued through the installation's server, or a municipality's own. */
async function deliver(): Promise<void> {
  const sender = new MailSender(db.app, new MunicipalTransport(db.app, testSecret, smtpTransport(installation.url, 1), { ttlMs: 0, connections: 1 }));
  await sender.drain();
  await sender.stop();
}

describe("a municipality's own mail", () => {
  it("goes out from its own sender through its own server; another municipality's through the installation's", async () => {
    const password = "hemligt-lösenord";
    const url = new URL(own.url);
    url.username = "askersund";
    url.password = password;
    await setMunicipalMail(db.app, testSecret, askersund.id, { mailFrom: "Askersunds kommun <naringsliv@askersund.se>", smtpUrl: url.toString() });

    await inScope(db.app, askersund.scope, (tx) => queueMail(tx, mail(askersund, "Från Askersund")));
    await inScope(db.app, laxa.scope, (tx) => queueMail(tx, mail(laxa, "Från Laxå")));
    await inScope(db.app, askersund.scope, (tx) => queueMails(tx, [mail(askersund, "Nyhetsbrev 1"), mail(askersund, "Nyhetsbrev 2")]));
    await deliver();

    expect(own.received.map((received) => received.subject).sort()).toEqual(["Från Askersund", "Nyhetsbrev 1", "Nyhetsbrev 2"]);
    expect(installation.received.map((received) => received.subject)).toEqual(["Från Laxå"]);
    for (const received of own.received) {
      expect(received.rawHeaders).toContain("From: Askersunds kommun <naringsliv@askersund.se>");
      expect(received.messageId).toMatch(/@askersund\.se>$/);
    }
    expect(installation.received[0]!.rawHeaders).toContain(`From: ${defaultSender().from}`);

    // The server's password is kept sealed, never as written.
    const stored = await db.owner.selectFrom("municipalities").select("smtp_url_sealed").where("id", "=", askersund.id).executeTakeFirstOrThrow();
    expect(stored.smtp_url_sealed).not.toContain(password);
    expect(stored.smtp_url_sealed).not.toContain("askersund@");
  });

  it("goes back to the installation's server and sender when they are taken away, without a restart", async () => {
    await setMunicipalMail(db.app, testSecret, askersund.id, { smtpUrl: null, mailFrom: null });
    await inScope(db.app, askersund.scope, (tx) => queueMail(tx, mail(askersund, "Efter bytet")));
    await deliver();
    expect(installation.received.map((received) => received.subject)).toContain("Efter bytet");
    expect(own.received.map((received) => received.subject)).not.toContain("Efter bytet");
    expect(installation.received.find((received) => received.subject === "Efter bytet")!.rawHeaders).toContain(`From: ${defaultSender().from}`);
  });

  it("refuses a sender that is no address and a server that is no SMTP URL, changing nothing", async () => {
    await expect(setMunicipalMail(db.app, testSecret, laxa.id, { mailFrom: "Laxå kommun" })).rejects.toThrow("Not a sender address");
    await expect(setMunicipalMail(db.app, testSecret, laxa.id, { smtpUrl: "https://smtp.laxa.se" })).rejects.toThrow("smtp:// or smtps://");
    const stored = await db.owner.selectFrom("municipalities").select(["mail_from", "smtp_url_sealed"]).where("id", "=", laxa.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ mail_from: null, smtp_url_sealed: null });
  });
});
