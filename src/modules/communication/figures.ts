import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { swedishYear } from "../../platform/sweden/time.js";
import { subscribersAt } from "./newsletter-repo.js";

/** The newsletters' reach for the programme's indicators and the region: subscribers at the year's end (now, for this year). */
export function newsletterReachIn(db: Db, scope: Scope, year: number, now = new Date()): Promise<number> {
  const end = swedishYear(year).to;
  return inScope(db, scope, (tx) => subscribersAt(tx, end < now ? end : now));
}
