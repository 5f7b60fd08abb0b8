#!/usr/bin/env node
// The lotsen command: runs the built code (dist/), or the TypeScript sources through tsx before a build.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = fileURLToPath(new URL("../dist/main.js", import.meta.url));
let entry;
// LOTSEN_SOURCE=1 runs the sources even when a build exists (the tests use it).
if (existsSync(built) && process.env.LOTSEN_SOURCE !== "1") {
  entry = await import(pathToFileURL(built).href);
} else {
  await import("tsx/esm");
  entry = await import(new URL("../src/main.ts", import.meta.url).href);
}
await entry.run(process.argv.slice(2));
// Exit explicitly: the embedded server's exit hook would otherwise decide the exit code.
process.exit(process.exitCode ?? 0);
