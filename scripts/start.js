// npm start: build when the build is older than the sources, then run `lotsen start`
// (migrate, seed an empty database, demo data unless LOTSEN_DEMO=0, serve).
import { execFileSync, spawn } from "node:child_process";
import { buildIsCurrent } from "../bin/build-state.js";

if (!buildIsCurrent()) {
  process.stderr.write("Building Lotsen…\n");
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/copy-assets.js"], { stdio: "inherit" });
}
const child = spawn(process.execPath, ["bin/lotsen.js", "start"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code) => process.exit(code ?? 1));
