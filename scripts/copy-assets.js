// Copies what the compiler does not: CSS, client scripts and reference data files.
import { cpSync, readdirSync, statSync, mkdirSync } from "node:fs";
import path from "node:path";

const copied = /\.(css|js|csv|md)$/;
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      walk(file);
    } else if ((dir.includes(`${path.sep}assets`) || dir.endsWith(`${path.sep}data`)) && copied.test(entry)) {
      const target = path.join("dist", path.relative("src", file));
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
}
walk("src");
