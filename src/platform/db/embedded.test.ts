import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded.js";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "lotsen-embedded-"));
let clusterDir = "";

afterAll(async () => {
  // Stop whatever server the tests left running on the folder.
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (clusterDir && existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // gone already
    }
  }
});

async function query(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = await client.query<{ n: number }>("select 1 as n");
  await client.end();
  return result.rows[0]?.n ?? 0;
}

function startInChild(): Promise<{ pid: number; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/start-embedded.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) {
        resolve({ pid: child.pid ?? 0, port: Number(match[1]) });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
}

describe("embedded PostgreSQL", () => {
  it("reuses the server left running after the Node process was killed with SIGKILL", async () => {
    const first = await startInChild();
    process.kill(first.pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages: string[] = [];
    const again = await startEmbeddedPostgres(dataDir, (message) => messages.push(message));
    clusterDir = again.clusterDir;
    expect(again.port).toBe(first.port);
    expect(messages.join("\n")).toContain("already running");
    expect(await query(again.superuserUrl("postgres"))).toBe(1);
  }, 60_000);

  it("records its port in the data folder and keeps the cluster where the server's user can reach it", () => {
    const record = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; clusterDir: string };
    expect(record.port).toBeGreaterThan(0);
    if (process.getuid?.() === 0) {
      // The data folder is a mode-700 temporary folder the postgres user cannot enter.
      expect(record.clusterDir.startsWith("/var/lib/lotsen/")).toBe(true);
    } else {
      expect(record.clusterDir.startsWith(dataDir)).toBe(true);
    }
  });

  it("starts afresh when the data folder was deleted, setting the old cluster aside", async () => {
    if (process.getuid?.() !== 0) {
      // Without root the cluster lives inside the data folder and goes with it.
      expect(clusterDir.startsWith(dataDir)).toBe(true);
      return;
    }
    rmSync(path.join(dataDir, "postgres.json"));
    const messages: string[] = [];
    const server = await startEmbeddedPostgres(dataDir, (message) => messages.push(message));
    expect(messages.join("\n")).toContain("old PostgreSQL cluster is kept at");
    expect(await query(server.superuserUrl("postgres"))).toBe(1);
    const aside = readdirSync(path.dirname(clusterDir)).filter((entry) => entry.startsWith(`${path.basename(clusterDir)}.orphaned-`));
    expect(aside).toHaveLength(1);
    for (const entry of aside) {
      rmSync(path.join(path.dirname(clusterDir), entry), { recursive: true, force: true });
    }
  }, 60_000);

  it("starts again after a crash left a stale postmaster.pid behind", async () => {
    const pidFile = path.join(clusterDir, "postmaster.pid");
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 500));
    // A crash leaves the pid file naming a process that no longer exists.
    writeFileSync(pidFile, readFileSync(pidFile, "utf8").replace(/^\d+/, "999999"));
    const messages: string[] = [];
    const server = await startEmbeddedPostgres(dataDir, (message) => messages.push(message), { ephemeral: true });
    expect(messages.join("\n")).toMatch(/stale|started/);
    expect(await query(server.superuserUrl("postgres"))).toBe(1);
    await server.stop();
  }, 60_000);
});
