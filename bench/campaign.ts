/**
 * The newsletter benchmark: a campaign to N subscribers sent by what `lotsen serve` runs
 * in the background (job runner and outbox sender, crash guarantees on), beside a raw
 * nodemailer pooled transport sending the same messages, both into the same SMTP sink;
 * each side and the sink in its own process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { systemActor } from "../src/platform/auth/roles.js";
import { sql } from "kysely";
import { asWorker, type Db, type Scope } from "../src/platform/db/database.js";
import * as campaigns from "../src/modules/communication/campaign-service.js";
import * as subscriptions from "../src/modules/communication/subscription-service.js";
import { benchBody, benchSubject, generateSubscribers } from "./campaign-data.js";

interface Side {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
}

function run(args: string[]): Promise<Side> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, "--import", "tsx", "bench/campaign-child.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as Side) : reject(new Error(`campaign child ${args[0]} exited ${code}`))));
  });
}

/** The sink process: its port, and its counts on demand. */
async function startSink(): Promise<{ port: number; ask: (command: "stats" | "reset") => Promise<{ received: number; unique: number }>; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/smtp-sink.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const { port } = JSON.parse(await nextLine()) as { port: number };
  return {
    port,
    ask: async (command) => {
      const answer = nextLine();
      child.stdin!.write(`${command}\n`);
      return JSON.parse(await answer) as { received: number; unique: number };
    },
    stop: () => child.kill(),
  };
}

export async function measureCampaign(db: Db, appUrl: string, scope: Scope, count: number, connectionCounts: number[], secret: string) {
  const ctx = { db, actor: systemActor("bench"), scope };
  const listId = await subscriptions.createList(ctx, {
    name_sv: "Bänklistan",
    name_en: "Bench list",
    description_sv: null,
    description_en: null,
    public: false,
  });
  const generated = performance.now();
  await generateSubscribers(db, scope, listId, count);
  console.error(`Generated ${count} subscribers in ${((performance.now() - generated) / 1000).toFixed(0)} s`);
  const sink = await startSink();
  const smtp = `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`;
  const table: Array<Record<string, string | number>> = [];
  try {
    // Warm the sink (its code compiled, its buffers grown) before anything is measured against it.
    await run(["raw", smtp, String(connectionCounts[0]), String(Math.min(count, 5_000)), secret]);
    for (const connections of connectionCounts) {
      await sink.ask("reset");
      const raw = await run(["raw", smtp, String(connections), String(count), secret]);
      const rawCounts = await sink.ask("stats");
      console.error(`Raw nodemailer pool, ${connections} connections: ${raw.seconds.toFixed(0)} s, ${raw.cpuSeconds.toFixed(0)} s CPU`);

      // Only the campaign's mail in the outbox: the demo's receipts are not part of the measure.
      await asWorker(db, (tx) => sql`update mail_outbox set status = 'sent', sent_at = now() where status = 'queued'`.execute(tx));
      const id = await campaigns.createCampaign(ctx, {
        subject: benchSubject,
        body: benchBody,
        language: "sv",
        archive: false,
        list_ids: [listId],
        sections: [],
        size_classes: [],
        tags: [],
        in_area: false,
      });
      const started = performance.now();
      await campaigns.sendNow(ctx, id, "http://askersund.bench");
      const snapshotSeconds = (performance.now() - started) / 1000;
      await sink.ask("reset");
      const lotsen = await run(["lotsen", appUrl, smtp, String(connections), id, scope.municipalityId, secret]);
      const lotsenCounts = await sink.ask("stats");
      console.error(`Lotsen campaign, ${connections} connections: ${lotsen.seconds.toFixed(0)} s, ${lotsen.cpuSeconds.toFixed(0)} s CPU`);
      const rawRate = rawCounts.received / raw.seconds;
      const lotsenRate = lotsenCounts.unique / lotsen.seconds;
      const ratio = lotsenRate / rawRate;
      table.push(
        {
          sender: `raw nodemailer pool, ${connections} connections (baseline)`,
          messages: rawCounts.received,
          seconds: Number(raw.seconds.toFixed(1)),
          "messages/s": Math.round(rawRate),
          "× baseline": 1,
          "peak RSS MB": raw.peakRssMb,
          "CPU s": Math.round(raw.cpuSeconds),
          goal: "",
        },
        {
          sender: `lotsen campaign, ${connections} connections (recipients fixed in ${snapshotSeconds.toFixed(1)} s before; batches, outbox)`,
          messages: lotsenCounts.unique,
          seconds: Number(lotsen.seconds.toFixed(1)),
          "messages/s": Math.round(lotsenRate),
          "× baseline": Number(ratio.toFixed(2)),
          "peak RSS MB": lotsen.peakRssMb,
          "CPU s": Math.round(lotsen.cpuSeconds),
          goal: `≥ 0.6× baseline: ${ratio >= 0.6 ? "met" : "MISSED"}; every recipient once: ${lotsenCounts.unique === count ? "yes" : "NO"} (${lotsenCounts.received - lotsenCounts.unique} repeats)`,
        },
      );
    }
    return { count, table };
  } finally {
    sink.stop();
  }
}
