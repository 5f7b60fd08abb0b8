import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** A file the pages load: its bytes, its type, and a version that changes with its content. */
export interface Asset {
  content: Buffer;
  type: string;
  version: string;
}

const require = createRequire(import.meta.url);
const files: Record<string, { file: () => string; type: string }> = {
  "lotsen.css": { file: () => fileURLToPath(new URL("./assets/lotsen.css", import.meta.url)), type: "text/css; charset=utf-8" },
  "lotsen.js": { file: () => fileURLToPath(new URL("./assets/lotsen.js", import.meta.url)), type: "text/javascript; charset=utf-8" },
  "htmx.min.js": { file: () => require.resolve("htmx.org/dist/htmx.min.js"), type: "text/javascript; charset=utf-8" },
};

let loaded: Readonly<Record<string, Asset>> | undefined;

/** The assets, read once. */
export function assets(): Readonly<Record<string, Asset>> {
  loaded ??= Object.fromEntries(
    Object.entries(files).map(([name, { file, type }]) => {
      const content = readFileSync(file());
      return [name, { content, type, version: createHash("sha256").update(content).digest("hex").slice(0, 12) }];
    }),
  );
  return loaded;
}

/** An asset's address with its version, so a browser may keep it for a year and still get a new one the day it changes. */
export function assetUrl(name: "lotsen.css" | "lotsen.js" | "htmx.min.js"): string {
  return `/assets/${name}?v=${assets()[name]!.version}`;
}
