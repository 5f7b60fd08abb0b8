import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** Where root keeps the embedded servers' clusters and binaries: a place the `postgres` user can reach. */
export const clusterRoot = "/var/lib/lotsen";

/** The file in a cluster that names the data folder it belongs to. */
export const ownerFile = (clusterDir: string) => path.join(clusterDir, "lotsen-data-folder");

export function readOwner(clusterDir: string): string | undefined {
  try {
    return readFileSync(ownerFile(clusterDir), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A cluster under the root, with the data folder it belongs to and whether that folder still holds its record. */
export interface ClusterEntry {
  clusterDir: string;
  dataDir: string | undefined;
  /** The data folder is gone, or no longer records this cluster: nothing will use it again. */
  orphaned: boolean;
  running: boolean;
  bytes: number;
}

export function listClusters(root = clusterRoot): ClusterEntry[] {
  if (!existsSync(root)) {
    return [];
  }
  return readdirSync(root)
    .filter((name) => name.startsWith("cluster-"))
    .map((name) => {
      const clusterDir = path.join(root, name);
      const dataDir = readOwner(clusterDir);
      return {
        clusterDir,
        dataDir,
        orphaned: !dataDir || !recordsCluster(dataDir, clusterDir),
        running: runningServerPid(clusterDir) !== undefined,
        bytes: folderBytes(clusterDir),
      };
    });
}

/** Stops and removes the clusters whose data folder is gone; returns what it removed. */
export function pruneClusters(root = clusterRoot, log: (message: string) => void = () => {}): ClusterEntry[] {
  const orphaned = listClusters(root).filter((entry) => entry.orphaned);
  for (const entry of orphaned) {
    removeCluster(entry.clusterDir, log);
  }
  return orphaned;
}

function recordsCluster(dataDir: string, clusterDir: string): boolean {
  try {
    const record = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { clusterDir?: string };
    return record.clusterDir === clusterDir;
  } catch {
    return false;
  }
}

function folderBytes(folder: string): number {
  let total = 0;
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.isFile()) {
        total += statSync(full).size;
      }
    }
  };
  try {
    walk(folder);
  } catch {
    // a folder that changed under us: the count is an estimate
  }
  return total;
}

/** Stops whatever server holds a cluster (a fast shutdown), and waits until it is gone. */
export function stopServerOf(clusterDir: string, log: (message: string) => void): void {
  const pid = runningServerPid(clusterDir);
  if (pid === undefined) {
    return;
  }
  log(`Stopping the PostgreSQL server (pid ${pid}) of ${clusterDir}`);
  try {
    process.kill(pid, "SIGINT");
  } catch {
    // already gone
  }
  waitUntilGone(pid);
}

/** Stops whatever server holds a cluster and removes its folder. */
export function removeCluster(clusterDir: string, log: (message: string) => void): void {
  stopServerOf(clusterDir, log);
  rmSync(clusterDir, { recursive: true, force: true });
}

/** The pid of a live postgres process holding the cluster, if there is one. */
export function runningServerPid(clusterDir: string): number | undefined {
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

function waitUntilGone(pid: number): void {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}
