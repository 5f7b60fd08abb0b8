import { linkToken } from "../../platform/links.js";

/**
 * The business's private status link: a platform link (`platform/links.ts`) for the case,
 * never stored (only its hash is), and made again whenever a reply mail carries the link.
 */
export function statusToken(secret: string, caseId: string, salt: string): string {
  return linkToken(secret, "desk-status", caseId, salt);
}
