import type { Actor } from "../auth/roles.js";
import type { Lang, Translate } from "./i18n.js";
import type { MessageKey } from "./i18n.js";

export interface NavItem {
  href: string;
  label: MessageKey;
}

/** What every page needs to render its frame: language, who is signed in, where, the CSRF token. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  municipalityName: string | null;
  /** The municipality's own colour (`#rrggbb`), or null for Lotsen's. */
  brandColour?: string | null;
  /** The version of the municipality's logo, when it has one (`/kommun/logotyp?v=…`). */
  logoVersion?: string | null;
  actor: Actor | null;
  csrfToken: string;
  path: string;
  nav: NavItem[];
  /** The footer's links; every one of them when not given (a region's own host serves fewer pages). */
  footer?: NavItem[];
  flash?: string | undefined;
}
