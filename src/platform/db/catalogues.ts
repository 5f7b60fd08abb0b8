import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { generationOf, scopeOf, type ScopedTx } from "./database.js";

/**
 * Reference data read on every page (units, categories, staff, a module's settings) kept in
 * the process per municipality, so a page does not ask the database for what did not
 * change. What counts as changed is decided by construction: every Db watches the
 * statements it runs, and a write to a table a catalogue reads from drops that catalogue's
 * kept values (those of every catalogue reading the table), again once the writing
 * transaction has committed (`inScope` calls `afterCatalogueWrites`). A reader whose read
 * began before a write to one of its tables does not keep what it read. Another process's
 * writes (a command run beside the server) are seen within `ttlMs`.
 */
const readersOf = new Map<string, Set<{ drop(): void }>>();
let generation = 0;
const ttlMs = 30_000;

/**
 * The latest drops, by generation: a write to a watched table (`written`), or the drop
 * again once a writing transaction has ended. A reader compares them with its own tables.
 */
const recentWrites: Array<{ generation: number; table: string; written: boolean }> = [];
const writesKept = 1000;

/** A table changed: a new generation, and every catalogue reading the table lets go of what it kept. */
function tableChanged(table: string, written: boolean): void {
  generation += 1;
  recentWrites.push({ generation, table, written });
  if (recentWrites.length > writesKept) {
    recentWrites.splice(0, recentWrites.length - writesKept);
  }
  for (const catalogue of readersOf.get(table) ?? []) {
    catalogue.drop();
  }
}

/** The tables dropped (or only those written) since `since`, or null when the drops kept no longer reach back that far. */
function droppedSince(since: number, writtenOnly: boolean): Set<string> | null {
  if (since === generation) {
    return new Set();
  }
  if ((recentWrites[0]?.generation ?? Number.POSITIVE_INFINITY) > since + 1) {
    return null;
  }
  return new Set(recentWrites.filter((drop) => drop.generation > since && (drop.written || !writtenOnly)).map((drop) => drop.table));
}

/** The count of writes to watched tables so far: `inScope` takes it when a transaction begins. */
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
  private readonly kept = new Map<string, { value: T; at: number }>();
  /** Reads under way, so that many requests arriving together for the same value read it once. */
  private readonly reading = new Map<string, { generation: number; value: Promise<T> }>();

  constructor(
    private readonly tables: readonly string[],
    private readonly load: (tx: ScopedTx, key: K) => Promise<T>,
    /** When a value stops being true though no table changed (it was read as of a time): a time in ms. */
    private readonly trueUntil?: (value: T) => number,
  ) {
    for (const table of tables) {
      const readers = readersOf.get(table) ?? new Set();
      readers.add(this);
      readersOf.set(table, readers);
    }
  }

  /** The kept value for the transaction's municipality (and key), or a fresh read (kept unless something changed meanwhile). */
  async get(tx: ScopedTx, ...key: [K] extends [never] ? [] : [K]): Promise<T> {
    const name = `${scopeOf(tx).municipalityId}:${key[0] ?? ""}`;
    const now = Date.now();
    const hit = this.kept.get(name);
    if (hit && now - hit.at < ttlMs && (this.trueUntil === undefined || now < this.trueUntil(hit.value))) {
      return hit.value;
    }
    const under = this.reading.get(name);
    if (under && !this.changedSince(under.generation) && !this.changedSince(generationOf(tx))) {
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
    // Kept only when none of its tables changed since the transaction began: not by its own writes, nor by another's commit meanwhile.
    if (!this.changedSince(generationOf(tx))) {
      this.kept.delete(name);
      this.kept.set(name, { value, at: now });
      if (this.kept.size > maxKept) {
        this.kept.delete(this.kept.keys().next().value!);
      }
      this.letGoOfPast(now);
    }
    return value;
  }

  private sweptAt = 0;

  /** Values past their time are read anew when asked for; those no one asks for again go at the next sweep, at most one every 10 s. */
  private letGoOfPast(now: number): void {
    if (this.trueUntil === undefined || now - this.sweptAt < 10_000) {
      return;
    }
    this.sweptAt = now;
    for (const [name, entry] of this.kept) {
      if (now >= this.trueUntil(entry.value) || now - entry.at >= ttlMs) {
        this.kept.delete(name);
      }
    }
  }

  /** Lets go of every kept value, so what no one will be served (an erased person's name) is not held either. */
  drop(): void {
    this.kept.clear();
  }

  /** How many values are kept now, of every municipality. */
  get size(): number {
    return this.kept.size;
  }

  /** Whether a table this catalogue reads was written since that generation (or may have been). */
  private changedSince(since: number): boolean {
    const dropped = droppedSince(since, false);
    return dropped === null || this.tables.some((table) => dropped.has(table));
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

/** The plugin every Db runs with: a write to a watched table drops its catalogues before and after it runs. */
export const catalogueWatch: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table !== undefined && readersOf.has(table)) {
      tableChanged(table, true);
      pendingWrites.set(args.queryId, table);
    }
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = pendingWrites.get(args.queryId);
    if (table !== undefined) {
      pendingWrites.delete(args.queryId);
      tableChanged(table, true);
    }
    return args.result;
  },
};

// The writes to watched tables in flight, by query: their results drop the catalogues once more.
const pendingWrites = new WeakMap<object, string>();

/**
 * After a transaction has ended: when watched tables were written while it ran (by it or
 * another), their catalogues are dropped again, since its own writes are now visible. A
 * drop again is not a write: it does not make the transactions that end after it drop
 * again, which under steady traffic would never stop.
 */
export function afterCatalogueWrites(startedAt: number): void {
  if (generation === startedAt) {
    return;
  }
  const written = droppedSince(startedAt, true);
  for (const table of written ?? [...readersOf.keys()]) {
    tableChanged(table, false);
  }
}
