import pg from "pg";

/** Every statement any connection of this process sends while `work` runs, as text. */
export async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0];
    sent.push(typeof config === "string" ? config : ((config as { text?: string }).text ?? ""));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}

/** How many transactions the statements began. */
export const transactionsIn = (statements: string[]) => statements.filter((statement) => /^\s*begin\b/i.test(statement)).length;
