import path from "node:path";
import type { Config } from "./config.js";
import { createWorkerDb, type Db } from "./platform/db/database.js";
import { JobRunner, type JobHandler, type Schedule } from "./platform/jobs/runner.js";
import { configureSender } from "./platform/mail/settings.js";
import { MailSender } from "./platform/mail/sender.js";
import { fileTransport, removeMailFiles, smtpTransport } from "./platform/mail/transport.js";
import { deskJobHandlers, deskSchedules } from "./modules/desk/index.js";
import { programmeJobHandlers, programmeSchedules } from "./modules/programme/index.js";
import { communicationJobHandlers, communicationSchedules, rejectedAtSending } from "./modules/communication/index.js";

/** Every module's background work: queue name → handler, and what recurs. */
export function backgroundWork(db: Db, config: Pick<Config, "publicUrl" | "dataDir" | "secret">): { handlers: Record<string, JobHandler>; schedules: Schedule[] } {
  return {
    handlers: {
      ...deskJobHandlers(db, config.publicUrl),
      ...programmeJobHandlers(db),
      ...communicationJobHandlers(db, config.secret),
      // Erasure and disposal redact the outbox in their transaction; the stored .eml files go after.
      "mail.remove-files": async (job) => removeMailFiles(mailFolder(config), (job.payload.ids as string[] | undefined) ?? []),
    },
    schedules: [...deskSchedules, ...programmeSchedules, ...communicationSchedules],
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
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailConnections) : fileTransport(mailFolder(config));
  log(config.smtpUrl ? `Mail goes out by SMTP (${new URL(config.smtpUrl).host})` : `Mail is written as .eml files to ${mailFolder(config)} (set SMTP_URL to send it)`);
  // A permanent rejection (5xx) of a newsletter is a hard bounce: the address is blocked.
  const workerSessions = createWorkerDb(appUrl, transport.connections + 1);
  const sender = new MailSender(db, transport, { ratePerSecond: config.mailRate, log, workerSessions, onRejected: (mail) => rejectedAtSending(db, mail) });
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
