/**
 * How a route is covered by the route-wide tests. Each module says it for its own routes
 * in `route-coverage.ts` beside its tests (the platform in `src/platform/route-coverage.ts`);
 * a route its module registers but does not list there fails `test/routes.test.ts`, so a
 * new route is covered or the build is red.
 *
 * - `page`: a GET that renders HTML; checked with axe in Chromium (signed in as an administrator unless `public`).
 * - `form`: an HTML form post; bad input re-shows the form (400) with the values kept and writes nothing.
 * - `api`: a JSON route; bad input answers 400 naming the field and writes nothing.
 * - `valid`: a valid body, used to prove that another municipality's record answers 404.
 * - `download`: a file (CSV) rather than a page; still checked for tenant isolation.
 * - `exempt`: why the route-wide checks do not apply.
 * - `national`: the `:id` names national reference data (a company in the register), which
 *   every municipality may read; only what the municipality adds to it is scoped, and that is
 *   tested in the module's own tests. Such routes skip the tenant-isolation check.
 * Every other route with `:id` is checked for tenant isolation (404 for the other municipality's record).
 */
export interface Coverage {
  page?: { public?: boolean };
  form?: { keeps?: string; valid: Record<string, string | string[]> };
  action?: true;
  download?: true;
  api?: { valid?: Record<string, unknown>; query?: string };
  exempt?: string;
  national?: true;
}

// Any well-formed id: the schema passes, and the service then finds nothing (or the record named by the path).
export const someId = "00000000-0000-4000-8000-000000000000";
