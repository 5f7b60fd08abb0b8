import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lotsenModules } from "../src/modules/index.js";
import { platformAuditNames, AuditVocabulary } from "../src/platform/audit/names.js";
import { translator } from "../src/platform/ui/i18n.js";

const root = path.resolve(import.meta.dirname, "..");

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes(".test.") && !file.includes("migrations"))
    .map((file) => readFileSync(path.join(root, folder, file), "utf8"));
}

/** The audit actions and record types a folder's code writes, as literals (and the two-way choices `x ? "a" : "b"`). */
function written(texts: string[]) {
  const actions = new Set<string>();
  const records = new Set<string>();
  for (const text of texts) {
    for (const [, name] of text.matchAll(/recordType: "([a-z_]+)"/g)) records.add(name!);
    for (const [, , name] of text.matchAll(/(\baction: |audit\(tx, [\w.]+, [\w.]+, )"([a-z_.]+)"/g)) actions.add(name!);
    for (const [, a, b] of text.matchAll(/(?:\baction: |audit\(tx, [\w.]+, [\w.]+, )[\w.]+(?: === "\w+")? \? "([a-z_.]+)" : "([a-z_.]+)"/g)) {
      actions.add(a!);
      actions.add(b!);
    }
    for (const [, , name] of text.matchAll(/audit\(tx, [\w.]+, [\w.]+, "([a-z_.]+)", "([a-z_]+)"/g)) records.add(name!);
  }
  return { actions, records };
}

describe("the audit log's words", () => {
  const vocabulary = new AuditVocabulary([platformAuditNames, ...lotsenModules.flatMap((module) => (module.audit ? [module.audit] : []))]);
  const t = translator("sv");

  for (const module of lotsenModules) {
    it(`names every record and action the ${module.name} module writes`, () => {
      const { actions, records } = written(sources(`src/modules/${module.name}`));
      expect(records.size).toBeGreaterThan(0);
      const own = Object.keys(module.audit?.records ?? {});
      // A module's record is named by the module itself; the platform's (user) may be written by a module too.
      expect([...records].filter((record) => !own.includes(record) && !(record in platformAuditNames.records))).toEqual([]);
      const unnamed = [...actions].filter((action) => own.every((record) => vocabulary.actionKey(record, action) === undefined));
      expect(unnamed).toEqual([]);
    });
  }

  it("names every record and action the platform writes", () => {
    const { actions, records } = written(sources("src/platform"));
    expect([...records].filter((record) => !(record in platformAuditNames.records))).toEqual([]);
    expect([...actions].filter((action) => !platformAuditNames.actions?.[action])).toEqual([]);
  });

  it("reads as a sentence, and falls back to the code for an event no module names", () => {
    expect(vocabulary.sentence("programme_follow_up", "publish", t)).toBe("Publicerade uppföljningen");
    expect(vocabulary.sentence("user", "login", t)).toBe("Loggade in");
    expect(vocabulary.sentence("subscriber", "subscriber.confirmed", t)).toBe("Prenumeranten bekräftade sin prenumeration");
    expect(vocabulary.sentence("old_thing", "frobnicate", t)).toBe("Frobnicate (old_thing)");
  });
});
