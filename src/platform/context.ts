import type { Db, Scope } from "./db/database.js";
import type { Actor } from "./auth/roles.js";
import type { ContributionLists } from "./module.js";

/** What every service operation needs: the database, who acts, in which municipality. */
export interface OperationContext {
  db: Db;
  actor: Actor;
  scope: Scope;
  requestId?: string;
  /** What the app's modules contribute to one another's extension points; none outside an app. */
  contributions?: ContributionLists;
}
