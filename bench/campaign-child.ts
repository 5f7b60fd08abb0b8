/**
 * One measured side of the campaign benchmark, in its own process so that its peak
 * memory is its own. Prints one JSON line: seconds and peak RSS.
 *
 * - `lotsen URL SMTP CONNECTIONS CAMPAIGN MUNICIPALITY SECRET`: what `lotsen serve` runs in the background
 *   (the job runner queueing the campaign's batches, the outbox sender with its worker
 *   sessions and the crash guarantees), until the campaign is sent.
 * - `raw SMTP CONNECTIONS COUNT SECRET`: the baseline, nodemailer's pooled transport sending the same
 *   messages (same template, same links and headers) with nothing recorded.
 */
import nodemailer from "nodemailer";
import { createDb, createWorkerDb, inScope } from "../src/platform/db/database.js";
import { JobRunner } from "../src/platform/jobs/runner.js";
import { MailSender } from "../src/platform/mail/sender.js";
import { smtpTransport } from "../src/platform/mail/transport.js";
import { communicationJobHandlers } from "../src/modules/communication/jobs.js";
import { recipientLinks } from "../src/modules/communication/campaign-service.js";
import { newsletterMail } from "../src/modules/communication/mail-texts.js";
import { renderMarkdown } from "../src/modules/communication/markdown.js";
import { benchBody, benchSubject } from "./campaign-data.js";

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const started = performance.now();

if (mode === "lotsen") {
  const [url, smtp, connections, campaignId, municipalityId, secret] = args as [string, string, string, string, string, string];
  const db = createDb(url, 6);
  const workerSessions = createWorkerDb(url, Number(connections) + 1);
  const runner = new JobRunner(db, { handlers: communicationJobHandlers(db, secret), pollMs: 50 });
  const sender = new MailSender(db, smtpTransport(smtp, Number(connections)), { workerSessions, pollMs: 20 });
  runner.start();
  sender.start();
  const scope = { municipalityId };
  for (let tick = 0; ; tick += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (process.env.BENCH_DEBUG && tick % 10 === 0) {
      const progress = await inScope(db, scope, (tx) =>
        tx
          .selectFrom("campaign_recipients as r")
          .leftJoin("mail_outbox as o", "o.id", "r.outbox_id")
          .select((eb) => [eb.fn.count("r.outbox_id").as("queued"), eb.fn.count("o.sent_at").as("sent")])
          .where("r.campaign_id", "=", campaignId)
          .executeTakeFirstOrThrow(),
      );
      process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s: queued ${progress.queued}, sent ${progress.sent}\n`);
    }
    const row = await inScope(db, scope, (tx) => tx.selectFrom("campaigns").select("status").where("id", "=", campaignId).executeTakeFirstOrThrow());
    if (row.status === "sent") {
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await sender.stop();
  await workerSessions.destroy();
  await db.destroy();
  finish(seconds);
} else {
  const [smtp, connections, count, secret] = args as [string, string, string, string];
  const parsed = new URL(smtp);
  const transporter = nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port),
    ignoreTLS: true,
    pool: true,
    maxConnections: Number(connections),
    maxMessages: Infinity,
  });
  const bodyHtml = renderMarkdown(benchBody);
  const base = "http://askersund.bench";
  // Kept to a window of messages in flight, so memory stays flat however many are sent.
  const window = 500;
  let next = 0;
  const sendNext = async (): Promise<void> => {
    while (next < Number(count)) {
      const index = next;
      next += 1;
      const links = recipientLinks(base, secret, { id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`, token_salt: "salt" }, "campaign");
      const mail = newsletterMail({
        subject: benchSubject,
        body: benchBody,
        bodyHtml,
        municipality: "Askersunds kommun",
        lang: "sv",
        links: { ...links, archive: null },
      });
      await transporter.sendMail({
        messageId: `<raw-${index}@bench>`,
        from: "Lotsen <lotsen@localhost>",
        to: `mottagare${index}@example.se`,
        subject: benchSubject,
        text: mail.text,
        html: mail.html,
        headers: { "List-Unsubscribe": `<${links.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", Precedence: "bulk" },
      });
    }
  };
  await Promise.all(Array.from({ length: window }, sendNext));
  const seconds = (performance.now() - started) / 1000;
  transporter.close();
  finish(seconds);
}

function finish(seconds: number): void {
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: Math.round(peak / 1024 / 1024), cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
  process.exit(0);
}
