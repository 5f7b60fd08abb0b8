import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { swedishYear } from "../../platform/sweden/time.js";
import { companiesVisited } from "./visit-repo.js";

/** The register's figure for the programme's indicators and the region: companies visited in a year. */
export function companiesVisitedIn(db: Db, scope: Scope, year: number): Promise<number> {
  return inScope(db, scope, (tx) => companiesVisited(tx, swedishYear(year)));
}
