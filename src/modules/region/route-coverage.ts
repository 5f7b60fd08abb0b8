import type { Coverage } from "../../../test/helpers/coverage.js";

/** How the route-wide tests cover the routes of the region module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /region": { page: {} },
};
