import { clusterRoot, listClusters, pruneClusters } from "./clusters.js";

const log = (message: string) => process.stderr.write(`${message}\n`);

/** `lotsen clusters list|prune`: the embedded PostgreSQL clusters kept under the clusters root. */
export function clustersCommand(sub: string | undefined, usage: string): number {
  const size = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
  if (sub === "list") {
    const clusters = listClusters();
    if (clusters.length === 0) {
      process.stdout.write(`No clusters under ${clusterRoot}.\n`);
    }
    for (const entry of clusters) {
      process.stdout.write(
        `${entry.clusterDir}  ${entry.running ? "running" : "stopped"}  ${size(entry.bytes)}  ${entry.dataDir ?? "(no data folder recorded)"}${entry.orphaned ? "  (data folder gone: prune removes it)" : ""}\n`,
      );
    }
    return 0;
  }
  if (sub === "prune") {
    const removed = pruneClusters(clusterRoot, log);
    process.stdout.write(
      `Removed ${removed.length} cluster${removed.length === 1 ? "" : "s"} (${size(removed.reduce((sum, entry) => sum + entry.bytes, 0))}) whose data folder is gone.\n`,
    );
    return 0;
  }
  process.stdout.write(`${usage}\n`);
  return 1;
}
