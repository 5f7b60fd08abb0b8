import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, type TestMunicipality } from "../../../test/helpers/factories.js";
import { newId } from "../ids.js";
import { inScope, scopeOf, type ScopedTx } from "./database.js";
import { GroupCommit } from "./group-commit.js";

/** Rows written as audit events: a tenant table every installation has. A null action is refused by the database. */
interface Row {
  id: string;
  action: string | null;
}

let db: TestDatabase;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let batches: Array<{ municipalityId: string; rows: number }>;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
});

afterAll(async () => {
  await db.drop();
});

function logOf(): GroupCommit<Row> {
  batches = [];
  return new GroupCommit<Row>(async (tx: ScopedTx, rows) => {
    const { municipalityId } = scopeOf(tx);
    batches.push({ municipalityId, rows: rows.length });
    await tx
      .insertInto("audit_events")
      .values(
        rows.map((row) => ({
          id: row.id,
          municipality_id: municipalityId,
          actor_label: "test",
          action: row.action!,
          record_type: "group_commit",
          changes: "{}",
        })),
      )
      .execute();
  });
}

const stored = (municipality: TestMunicipality, ids: string[]) =>
  inScope(db.app, municipality.scope, async (tx) =>
    ids.length === 0 ? 0 : (await tx.selectFrom("audit_events").select("id").where("id", "in", ids).execute()).length,
  );

describe("a group commit", () => {
  it("has each row stored before its caller goes on, and writes rows that come together in one batch", async () => {
    const log = logOf();
    const ids = Array.from({ length: 30 }, () => newId());
    const seenOnReturn = await Promise.all(ids.map((id) => log.append(db.app, askersund.scope, { id, action: "read" }).then(() => stored(askersund, [id]))));
    expect(seenOnReturn).toEqual(ids.map(() => 1));
    expect(await stored(askersund, ids)).toBe(30);
    // The first is written alone, at once; the others wait for it and go together.
    expect(batches[0]!.rows).toBe(1);
    expect(batches.length).toBeLessThan(30);
    expect(batches.reduce((sum, batch) => sum + batch.rows, 0)).toBe(30);
  });

  it("writes each municipality's rows in its own scope, where no other municipality sees them", async () => {
    const log = logOf();
    const mine = Array.from({ length: 5 }, () => newId());
    const theirs = Array.from({ length: 5 }, () => newId());
    await Promise.all([
      ...mine.map((id) => log.append(db.app, askersund.scope, { id, action: "read" })),
      ...theirs.map((id) => log.append(db.app, laxa.scope, { id, action: "read" })),
    ]);
    expect(await stored(askersund, mine)).toBe(5);
    expect(await stored(askersund, theirs)).toBe(0);
    expect(await stored(laxa, theirs)).toBe(5);
    expect(new Set(batches.map((batch) => batch.municipalityId))).toEqual(new Set([askersund.scope.municipalityId, laxa.scope.municipalityId]));
  });

  it("fails every caller of a batch the database refuses, stores none of it, and writes the next batch", async () => {
    const log = logOf();
    const first = newId();
    const inFlight = log.append(db.app, askersund.scope, { id: first, action: "read" });
    // Both arrive while the first is being written, so they share the next batch, which the refused row fails.
    const refused = [newId(), newId()];
    const outcomes = await Promise.allSettled([
      log.append(db.app, askersund.scope, { id: refused[0]!, action: null }),
      log.append(db.app, askersund.scope, { id: refused[1]!, action: "read" }),
    ]);
    await inFlight;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(await stored(askersund, [first])).toBe(1);
    expect(await stored(askersund, refused)).toBe(0);
    const after = newId();
    await log.append(db.app, askersund.scope, { id: after, action: "read" });
    expect(await stored(askersund, [after])).toBe(1);
  });
});
