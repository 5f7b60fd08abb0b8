import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Every source file under src/, test files excluded, with its imports. */
interface Source {
  file: string;
  text: string;
  /** What it imports for its code (type-only imports left out). */
  imports: string[];
  /** Everything it imports or re-exports from, types included. */
  allImports: string[];
}

function sources(dir = "src"): Source[] {
  const found: Source[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      found.push(...sources(file));
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) {
      const text = readFileSync(file, "utf8");
      // Type-only imports bring no code along; they are left out.
      const imports = [...text.matchAll(/^import (?!type )[^;]*?from "([^"]+)"/gms)].map((match) => match[1] ?? "");
      const allImports = [...text.matchAll(/^(?:import|export)\b[^;]*?from "([^"]+)"/gms)].map((match) => match[1] ?? "");
      found.push({ file: file.split(path.sep).join("/"), text, imports, allImports });
    }
  }
  return found;
}

const files = sources();
const resolve = (from: string, specifier: string) =>
  specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)) : specifier;

describe("the shape of the code", () => {
  it("queries the database only in repos, platform/db and migrations", () => {
    const allowed = (file: string) => /(\/|-)repo\.ts$/.test(file) || file.startsWith("src/platform/db/") || file.includes("/migrations/");
    const offenders = files.filter(
      (source) => !allowed(source.file) && (source.imports.includes("kysely") || /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(source.text)),
    );
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("keeps views free of services, repos and the database: a service's types at most, never a repo's, not even a type", () => {
    const offenders = files
      .filter((source) => source.file.includes("/views/"))
      .filter(
        (source) =>
          source.imports.some((specifier) => /(service|repo)\.js$|\/db\//.test(resolve(source.file, specifier))) ||
          source.allImports.some((specifier) => /repo\.js$|\/db\//.test(resolve(source.file, specifier))),
      );
    expect(offenders.map((source) => source.file)).toEqual([]);
  });

  it("keeps repos and services free of HTTP and rendering", () => {
    const offenders = files
      .filter((source) => /(\/|-)(repo|service)\.ts$/.test(source.file))
      .filter((source) =>
        source.imports.some((specifier) => /^(fastify|preact|@fastify\/)/.test(specifier) || /\/http\/|\/views\//.test(resolve(source.file, specifier))),
      );
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

  it("keeps each view's components small enough to read (150 lines at most, as formatted)", () => {
    const long = files
      .filter((source) => source.file.includes("/views/"))
      .flatMap((source) => {
        const tree = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
        const found: string[] = [];
        const visit = (node: ts.Node) => {
          if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
            const first = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line;
            const last = tree.getLineAndCharacterOfPosition(node.getEnd()).line;
            if (last - first + 1 > 150) {
              found.push(`${source.file}:${first + 1} (${last - first + 1} lines)`);
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(tree);
        return found;
      });
    expect(long).toEqual([]);
  });

  it("keeps the platform free of every module: not even a type, nor the module list", () => {
    const offenders = files
      .filter((source) => source.file.startsWith("src/platform/"))
      .flatMap((source) => source.allImports.map((specifier) => [source.file, resolve(source.file, specifier)] as const))
      .filter(([, target]) => target.startsWith("src/modules/") || /^src\/(server|main|seed|background|messages)\.js$/.test(target))
      .map(([file, target]) => `${file} → ${target}`);
    expect(offenders).toEqual([]);
  });

  it("builds the app from one list that names every module folder", () => {
    const folders = readdirSync("src/modules").filter((entry) => statSync(path.join("src/modules", entry)).isDirectory());
    const list = files.find((source) => source.file === "src/modules/index.ts")!;
    const listed = list.allImports.map((specifier) => /^\.\/([^/]+)\/index\.js$/.exec(specifier)?.[1]).filter((name): name is string => name !== undefined);
    expect(folders.filter((folder) => !listed.includes(folder))).toEqual([]);
    // Nothing else names a module: the server, the background work, the seed and the command line go over the list.
    const naming = files.filter(
      (source) => !source.file.startsWith("src/modules/") && source.allImports.some((specifier) => /modules\/[a-z-]+\//.test(resolve(source.file, specifier))),
    );
    expect(naming.map((source) => source.file)).toEqual([]);
  });

  it("gives every module its own route coverage file beside its tests", () => {
    const folders = readdirSync("src/modules").filter((entry) => statSync(path.join("src/modules", entry)).isDirectory());
    expect(folders.filter((folder) => !files.some((source) => source.file === `src/modules/${folder}/route-coverage.ts`))).toEqual([]);
  });

  it("lays out every module's catalogue alike: messages/sv.ts, messages/en.ts and messages.ts that joins them to the platform's keys", () => {
    const folders = readdirSync("src/modules").filter((entry) => statSync(path.join("src/modules", entry)).isDirectory());
    const missing = folders
      .flatMap((folder) => ["messages/sv.ts", "messages/en.ts", "messages.ts"].map((file) => `src/modules/${folder}/${file}`))
      .filter((file) => !files.some((source) => source.file === file));
    expect(missing).toEqual([]);
    const strays = files.filter(
      (source) =>
        /messages?\.tsx?$|\/messages\//.test(source.file) &&
        !/^src\/modules\/[^/]+\/(messages\.ts|messages\/(sv|en)\.ts)$/.test(source.file) &&
        !source.file.startsWith("src/platform/ui/"),
    );
    expect(strays.map((source) => source.file)).toEqual([]);
  });

  it("registers nothing at import: a module's files hold declarations, never statements that run", () => {
    const offenders = files
      .filter((source) => source.file.startsWith("src/modules/") && !source.file.includes("/migrations/"))
      .flatMap((source) => {
        const tree = ts.createSourceFile(
          source.file,
          source.text,
          ts.ScriptTarget.Latest,
          false,
          source.file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
        );
        return tree.statements
          .filter(
            (statement) =>
              ts.isExpressionStatement(statement) || ts.isIterationStatement(statement, false) || ts.isIfStatement(statement) || ts.isBlock(statement),
          )
          .map((statement) => `${source.file}:${tree.getLineAndCharacterOfPosition(statement.getStart(tree)).line + 1}`);
      });
    expect(offenders).toEqual([]);
  });
});
