#!/usr/bin/env node
// The lotsen command: runs the build (dist/) when it is up to date with the sources, and
// the TypeScript sources through tsx otherwise (before a build, or while developing).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIsCurrent, builtEntry, root } from "./build-state.js";

let entry;
if (buildIsCurrent() && process.env.LOTSEN_SOURCE !== "1") {
  entry = await import(pathToFileURL(builtEntry).href);
} else {
  await import("tsx/esm");
  entry = await import(pathToFileURL(path.join(root, "src", "main.ts")).href);
}
await entry.run(process.argv.slice(2));
// Exit explicitly: the embedded server's exit hook would otherwise decide the exit code.
process.exit(process.exitCode ?? 0);
