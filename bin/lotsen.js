#!/usr/bin/env node
// The lotsen command: runs the build (dist/) when it is up to date with the sources, and
// the TypeScript sources through tsx otherwise (before a build, or while developing).
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = path.join(root, "dist", "main.js");

function newestSource(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return latest;
}

const sources = path.join(root, "src");
const buildIsCurrent = existsSync(built) && (!existsSync(sources) || statSync(built).mtimeMs >= newestSource(sources));
let entry;
if (buildIsCurrent && process.env.LOTSEN_SOURCE !== "1") {
  entry = await import(pathToFileURL(built).href);
} else {
  await import("tsx/esm");
  entry = await import(pathToFileURL(path.join(sources, "main.ts")).href);
}
await entry.run(process.argv.slice(2));
// Exit explicitly: the embedded server's exit hook would otherwise decide the exit code.
process.exit(process.exitCode ?? 0);
