import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { generationOf, scopeOf, type ScopedTx } from "./database.js";

/**
 * Reference data read on every page (units, categories, staff, a module's settings) kept in
 * the process per municipality, so a page does not ask the database for what did not
 * change. What counts as changed is decided by construction: every Db watches the
 * statements it runs, and a write to a table some catalogue reads from drops every kept
 * catalogue, again once the writing transaction has committed (`inScope` calls
 * `afterCatalogueWrites`). A reader whose read began before a drop does not keep what it
 * read. Another process's writes (a command run beside the server) are seen within `ttlMs`.
 */
const watchedTables = new Set<string>();
let generation = 0;
const ttlMs = 30_000;

/** What every catalogue keeps: emptied at each drop, so a value no one will be served (an erased person's name) is not held either. */
const everyKept = new Set<Map<string, unknown>>();

/** Drops every kept catalogue (of every municipality). */
export function catalogueChanged(): void {
  generation += 1;
  for (const kept of everyKept) {
    kept.clear();
  }
}

/** The count of drops so far: `inScope` compares it before and after a transaction. */
export function catalogueGeneration(): number {
  return generation;
}

/** Values kept by one catalogue at most; past it the oldest go first (a keyed catalogue's keys come from requests). */
const maxKept = 2000;

/**
 * A list or setting read through `get` and kept until a watched table changes. A keyed
 * catalogue (`Catalogue<T, K>`) keeps one value per municipality and key: a figure for a
 * year, say, whose key is part of what `load` reads.
 */
export class Catalogue<T, K extends string = never> {
  private readonly kept = new Map<string, { value: T; generation: number; at: number }>();
  /** Reads under way, so that many requests arriving together for the same value read it once. */
  private readonly reading = new Map<string, { generation: number; value: Promise<T> }>();

  constructor(
    tables: readonly string[],
    private readonly load: (tx: ScopedTx, key: K) => Promise<T>,
  ) {
    everyKept.add(this.kept);
    for (const table of tables) {
      watchedTables.add(table);
    }
  }

  /** The kept value for the transaction's municipality (and key), or a fresh read (kept unless something changed meanwhile). */
  async get(tx: ScopedTx, ...key: [K] extends [never] ? [] : [K]): Promise<T> {
    const name = `${scopeOf(tx).municipalityId}:${key[0] ?? ""}`;
    const now = Date.now();
    const hit = this.kept.get(name);
    if (hit && hit.generation === generation && now - hit.at < ttlMs) {
      return hit.value;
    }
    const under = this.reading.get(name);
    if (under && under.generation === generation && generationOf(tx) === generation) {
      // Another request is reading the same value in a transaction no newer change precedes: wait for it, or read anew if it fails.
      const shared = await under.value.catch(() => undefined);
      if (shared !== undefined) {
        return shared;
      }
    }
    const reading = this.load(tx, key[0] as K).then(deepFreeze);
    const mine = { generation: generationOf(tx), value: reading };
    this.reading.set(name, mine);
    let value: T;
    try {
      value = await reading;
    } finally {
      if (this.reading.get(name) === mine) {
        this.reading.delete(name);
      }
    }
    // Kept only when nothing changed since the transaction began: not its own writes, nor another's commit meanwhile.
    if (generationOf(tx) === generation) {
      this.kept.delete(name);
      this.kept.set(name, { value, generation, at: now });
      if (this.kept.size > maxKept) {
        this.kept.delete(this.kept.keys().next().value!);
      }
    }
    return value;
  }

  /** How many values are kept now, of every municipality. */
  get size(): number {
    return this.kept.size;
  }
}

// Kept values are shared by every request: frozen, so code that would sort or change one in place fails at once.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
  }
  return value;
}

const writeStatement = /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?(\w+)"?/i;

/** The table an insert, update or delete writes, or a raw write statement names first. */
function writtenTable(node: RootOperationNode): string | undefined {
  switch (node.kind) {
    case "InsertQueryNode":
      return node.into?.table.identifier.name;
    case "UpdateQueryNode":
      return tableName(node.table);
    case "DeleteQueryNode":
      return tableName(node.from.froms[0]);
    case "RawNode":
      return writeStatement.exec(node.sqlFragments.join("?"))?.[1];
    default:
      return undefined;
  }
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (node.kind === "TableNode") {
    return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  }
  if (node.kind === "AliasNode") {
    return tableName((node as unknown as { node: OperationNode }).node);
  }
  return undefined;
}

/** The plugin every Db runs with: a write to a watched table drops the catalogues before and after it runs. */
export const catalogueWatch: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table !== undefined && watchedTables.has(table)) {
      catalogueChanged();
      pendingWrites.add(args.queryId);
    }
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (pendingWrites.delete(args.queryId)) {
      catalogueChanged();
    }
    return args.result;
  },
};

// The writes to watched tables in flight, by query: their results drop the catalogues once more.
const pendingWrites = new WeakSet<object>();

/** After a transaction commits: when a catalogue changed while it ran, drop them again, since its own writes are now visible. */
export function afterCatalogueWrites(startedAt: number): void {
  if (generation !== startedAt) {
    catalogueChanged();
  }
}
