import path from "node:path";
import type { Config } from "./config.js";
import { createWorkerDb, type Db } from "./platform/db/database.js";
import { JobRunner, type JobHandler, type Schedule } from "./platform/jobs/runner.js";
import { configureSender } from "./platform/mail/settings.js";
import { MailSender } from "./platform/mail/sender.js";
import { fileTransport, removeMailFiles, smtpTransport } from "./platform/mail/transport.js";
import { MunicipalTransport } from "./platform/mail/municipal.js";
import { gatherContributions, type LotsenModule } from "./platform/module.js";
import type { RejectedMail } from "./platform/mail/sender.js";
import { lotsenModules } from "./modules/index.js";
import { pruneDeliveries, webhookDelivery } from "./platform/webhooks/deliver.js";
import { deliverQueue } from "./platform/webhooks/emit.js";

/** Every module's background work: queue name → handler, and what recurs. */
export function backgroundWork(
  db: Db,
  config: Pick<Config, "publicUrl" | "dataDir" | "secret"> & Partial<Pick<Config, "webhooksInternal">>,
  modules: readonly LotsenModule[] = lotsenModules,
): { handlers: Record<string, JobHandler>; schedules: Schedule[] } {
  const deps = { db, secret: config.secret, publicUrl: config.publicUrl, contributions: gatherContributions(modules) };
  return {
    handlers: {
      ...Object.assign({}, ...modules.map((module) => module.jobs?.(deps) ?? {})),
      // Erasure and disposal redact the outbox in their transaction; the stored .eml files go after.
      "mail.remove-files": async (job) => removeMailFiles(mailFolder(config), (job.payload.ids as string[] | undefined) ?? []),
      [deliverQueue]: webhookDelivery(db, { allowInternal: config.webhooksInternal ?? false }),
      "webhooks.prune": async () => void (await pruneDeliveries(db)),
    },
    schedules: [...modules.flatMap((module) => module.schedules ?? []), { queue: "webhooks.prune", dailyAt: "03:40" }],
  };
}

/** A mail the SMTP server refused for good, told to every module that asks (a newsletter's hard bounce). */
function mailRejected(db: Db, modules: readonly LotsenModule[]) {
  return async (mail: RejectedMail) => {
    for (const module of modules) {
      await module.onMailRejected?.(db, mail);
    }
  };
}

export interface Background {
  sender: MailSender;
  runner: JobRunner;
  stop: () => Promise<void>;
}

/** The folder `.eml` files go to when no SMTP server is set. */
export function mailFolder(config: Pick<Config, "dataDir">): string {
  return path.join(config.dataDir, "mail");
}

/** Starts the outbox sender (with its own worker sessions on `appUrl`) and the job runner of this process. */
export function startBackground(db: Db, appUrl: string, config: Config, log: (message: string) => void): Background {
  configureSender(config.mailFrom);
  const installation = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailConnections) : fileTransport(mailFolder(config));
  // A municipality with its own SMTP server delivers through it; the rest through the installation's.
  const transport = new MunicipalTransport(db, config.secret, installation, { connections: config.mailConnections });
  log(
    config.smtpUrl
      ? `Mail goes out by SMTP (${new URL(config.smtpUrl).host})`
      : `Mail is written as .eml files to ${mailFolder(config)} (set SMTP_URL to send it)`,
  );
  // A permanent rejection (5xx) of a newsletter is a hard bounce: the address is blocked.
  const workerSessions = createWorkerDb(appUrl, transport.connections + 1);
  const sender = new MailSender(db, transport, { ratePerSecond: config.mailRate, log, workerSessions, onRejected: mailRejected(db, lotsenModules) });
  const runner = new JobRunner(db, { ...backgroundWork(db, config), log });
  sender.start();
  runner.start();
  return {
    sender,
    runner,
    stop: async () => {
      await runner.stop();
      await sender.stop();
      await workerSessions.destroy();
    },
  };
}
