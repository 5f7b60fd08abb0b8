// Whether dist/ is at least as new as every source file and package.json: shared by the
// lotsen command (which runs the sources otherwise) and npm start (which builds otherwise).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const builtEntry = path.join(root, "dist", "main.js");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
}

export function buildIsCurrent() {
  if (!existsSync(builtEntry)) {
    return false;
  }
  const sources = path.join(root, "src");
  const builtAt = statSync(builtEntry).mtimeMs;
  return (!existsSync(sources) || builtAt >= newest(sources)) && builtAt >= statSync(path.join(root, "package.json")).mtimeMs;
}
