/** The region's interface strings: Swedish first, English with every key. */
import type { sv } from "./messages/sv.js";
export { sv } from "./messages/sv.js";
export { en } from "./messages/en.js";

declare module "../../platform/ui/i18n.js" {
  interface Messages extends Record<keyof typeof sv, string> {}
}
