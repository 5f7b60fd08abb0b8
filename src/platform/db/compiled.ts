import { createQueryId, type Compilable, type CompiledQuery, type Transaction } from "kysely";
import { namedStatement } from "./database.js";
import type { Database } from "./schema.js";

/**
 * A query built and compiled once and then run with each call's values: for the statements
 * every request runs (the sign-in check), where building the query tree and compiling it to
 * SQL cost more of the server's time than the database takes to answer. `build` is called
 * once, with a stand-in in place of each value; every parameter that is a stand-in is
 * replaced by the call's value of the same name, and every other parameter (a constant the
 * query itself writes) is kept. A value must therefore be used as a whole, where a value
 * goes (`where(column, "=", value)`), never taken apart while building.
 */
export function compiledOnce<Values extends Record<string, unknown>, Row>(
  build: (tx: Transaction<Database>, values: Values) => Compilable<Row>,
): (tx: Transaction<Database>, values: Values) => Promise<Row[]> {
  let compiled: { query: CompiledQuery<Row>; slots: Array<keyof Values | undefined> } | undefined;
  return async (tx, values) => {
    if (!compiled) {
      const standIns = new Map<unknown, keyof Values>(Object.keys(values).map((name) => [new StandIn(name), name]));
      const query = build(tx, Object.fromEntries([...standIns].map(([standIn, name]) => [name, standIn])) as Values).compile();
      const slots = query.parameters.map((parameter) => standIns.get(parameter));
      const missing = [...standIns.values()].filter((name) => !slots.includes(name));
      if (missing.length > 0) {
        throw new Error(`compiledOnce: ${missing.join(", ")} not used as a value`);
      }
      namedStatement(query.sql);
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((parameter, index) => {
      const slot = slots[index];
      return slot === undefined ? parameter : values[slot];
    });
    const result = await tx.executeQuery<Row>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

/** What stands in for a value while the query is built: known again by identity among the parameters. */
class StandIn {
  constructor(readonly name: string) {}
}
