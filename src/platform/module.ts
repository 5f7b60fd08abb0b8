import type { Db, Scope } from "./db/database.js";
import type { RoutePlugin } from "./http/app.js";
import type { Entrance, StartPanel } from "./http/home.js";
import type { NavEntry } from "./http/render.js";
import type { JobHandler, Schedule } from "./jobs/runner.js";
import type { RejectedMail } from "./mail/sender.js";
import type { AuditNames } from "./audit/names.js";

type Log = (message: string) => void;

/**
 * The extension points modules offer one another, by name: the module that owns a point
 * declares what a contribution is by merging into this interface (the programme:
 * `indicatorSources`; the company register: `timelineSources`), and any module contributes
 * in its `LotsenModule`. The built app gathers them; the owner reads them from there.
 */
export interface Contributions {}

/** Every contribution of the app's modules, by extension point. */
export type ContributionLists = { [K in keyof Contributions]?: ReadonlyArray<Contributions[K]> };

/** What the background work of a module gets: the database and the settings it needs. */
export interface BackgroundDeps {
  db: Db;
  secret: string;
  publicUrl: string | undefined;
  contributions: ContributionLists;
}

/** A command of the `lotsen` command line a module adds (`lotsen import companies FILE`). */
export interface ModuleCommand {
  /** The words that call it: `["import", "companies"]`. */
  words: readonly string[];
  /** One line of usage for `lotsen --help`, and the text of `lotsen <words> --help`. */
  usage: string;
  help: string;
  /** Its options, as `node:util`'s parseArgs takes them. */
  options?: Readonly<Record<string, { type: "string" | "boolean" }>>;
  run: (context: { db: { app: Db; owner: Db }; args: readonly string[]; options: Record<string, unknown>; log: Log }) => Promise<number>;
}

/**
 * A module of Lotsen, as one value: everything it adds to the app. `src/modules/index.ts`
 * lists the modules; the server, the background work, the seed, the catalogues and the
 * command line are built from that list, and nothing registers itself at import.
 */
export interface LotsenModule {
  /** The module's name, also its Fastify plugin's name (`desk`). */
  name: string;
  /** Modules this one builds on: they are registered first, or the app does not start. */
  dependencies?: readonly string[];
  /** Its routes, registered as one named plugin. */
  routes?: RoutePlugin;
  /** Its menu entries, after the start page and before the platform's own. */
  navigation?: readonly NavEntry[];
  /** Its part of a signed-in staff member's start page. */
  startPanel?: StartPanel;
  /** Its doors on the public start page: what a business can do here, in a business owner's words. */
  entrances?: readonly Entrance[];
  /** Its interface strings; the English must have every Swedish key (the module's catalogue types it so). */
  messages?: { sv: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
  /** Background work: queue name → handler, and what recurs. */
  jobs?: (deps: BackgroundDeps) => Record<string, JobHandler>;
  schedules?: readonly Schedule[];
  /** Told of a mail the SMTP server refused for good (a newsletter's hard bounce). */
  onMailRejected?: (db: Db, mail: RejectedMail) => Promise<void>;
  /** Its part of an empty installation's seed, and of the newcomer's demo content. */
  seed?: (db: Db, scope: Scope, log: Log) => Promise<void>;
  demoSeed?: (db: Db, scope: Scope, log: Log, secret: string) => Promise<void>;
  /** Its audit log's records and actions in words, so the log reads as sentences. */
  audit?: AuditNames;
  /** What it adds to other modules' extension points. */
  contributes?: { [K in keyof Contributions]?: ReadonlyArray<Contributions[K]> };
  commands?: readonly ModuleCommand[];
}

/** Gathers the modules' contributions by extension point. */
export function gatherContributions(modules: readonly LotsenModule[]): ContributionLists {
  const lists: Record<string, unknown[]> = {};
  for (const module of modules) {
    for (const [point, items] of Object.entries(module.contributes ?? {})) {
      (lists[point] ??= []).push(...((items as unknown[] | undefined) ?? []));
    }
  }
  return lists as unknown as ContributionLists;
}

/**
 * The modules in an order where each comes after those it builds on (the list's order
 * otherwise). A dependency the list lacks is an error: the app would not start.
 */
export function inDependencyOrder(modules: readonly LotsenModule[]): LotsenModule[] {
  const byName = new Map(modules.map((module) => [module.name, module]));
  const ordered: LotsenModule[] = [];
  const visiting = new Set<string>();
  const visit = (module: LotsenModule) => {
    if (ordered.includes(module)) {
      return;
    }
    if (visiting.has(module.name)) {
      throw new Error(`The modules ${[...visiting].join(", ")} depend on one another in a circle`);
    }
    visiting.add(module.name);
    for (const name of module.dependencies ?? []) {
      const dependency = byName.get(name);
      if (!dependency) {
        throw new Error(`The module ${module.name} builds on ${name}, which is not in the module list`);
      }
      visit(dependency);
    }
    visiting.delete(module.name);
    ordered.push(module);
  };
  modules.forEach(visit);
  return ordered;
}
