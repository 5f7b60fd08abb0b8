import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every source file under src/, test files excluded, with its imports. */
function sources(dir = "src"): Array<{ file: string; text: string; imports: string[] }> {
  const found: Array<{ file: string; text: string; imports: string[] }> = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      found.push(...sources(file));
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) {
      const text = readFileSync(file, "utf8");
      // Type-only imports bring no code along; they are left out.
      const imports = [...text.matchAll(/^import (?!type )[^;]*?from "([^"]+)"/gms)].map((match) => match[1] ?? "");
      found.push({ file: file.split(path.sep).join("/"), text, imports });
    }
  }
  return found;
}

const files = sources();
const resolve = (from: string, specifier: string) => (specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)) : specifier);

describe("the shape of the code", () => {
  it("queries the database only in repos, platform/db and migrations", () => {
    const allowed = (file: string) => /(\/|-)repo\.ts$/.test(file) || file.startsWith("src/platform/db/") || file.includes("/migrations/");
    const offenders = files.filter((source) => !allowed(source.file) && (source.imports.includes("kysely") || /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(source.text)));
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("keeps views free of services, repos and the database", () => {
    const offenders = files
      .filter((source) => source.file.includes("/views/"))
      .filter((source) => source.imports.some((specifier) => /(service|repo)\.js$|\/db\//.test(resolve(source.file, specifier))));
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("keeps repos and services free of HTTP and rendering", () => {
    const offenders = files
      .filter((source) => /(\/|-)(repo|service)\.ts$/.test(source.file))
      .filter((source) => source.imports.some((specifier) => /^(fastify|preact|@fastify\/)/.test(specifier) || /\/http\/|\/views\//.test(resolve(source.file, specifier))));
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("keeps policies pure: no imports with side effects", () => {
    const offenders = files
      .filter((source) => source.file.endsWith("/policy.ts"))
      .filter((source) => source.imports.some((specifier) => !/(errors|roles)\.js$/.test(specifier) && !specifier.endsWith("/policy.js")));
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("lets migrations import nothing of the application", () => {
    const offenders = files.filter((source) => source.file.includes("/migrations/") && source.imports.some((specifier) => specifier !== "kysely"));
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("lets a module use another module only through its index.ts", () => {
    const offenders = files
      .filter((source) => source.file.startsWith("src/modules/"))
      .flatMap((source) => {
        const own = source.file.split("/")[2];
        return source.imports
          .map((specifier) => resolve(source.file, specifier))
          .filter((target) => target.startsWith("src/modules/") && target.split("/")[2] !== own && !/^src\/modules\/[^/]+\/index\.js$/.test(target))
          .map((target) => `${source.file} → ${target}`);
      });
    expect(offenders).toEqual([]);
  });

  it("keeps files small enough to read (about 400 lines at most)", () => {
    const long = files.filter((source) => source.text.split("\n").length > 420).map((source) => `${source.file}: ${source.text.split("\n").length}`);
    expect(long).toEqual([]);
  });
});
