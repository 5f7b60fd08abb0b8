import type { Actor } from "../auth/roles.js";
import type { Scope } from "../db/database.js";
import type { Municipality, Region } from "../tenancy/repo.js";
import type { Lang, Translate } from "../ui/i18n.js";
import type { ConfirmWith } from "./confirm.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The municipality of the request's host; null only on installation-wide routes. */
    municipality: Municipality | null;
    /** The region whose own host the request came to (where regional accounts sign in); then no municipality. */
    region: Region | null;
    actor: Actor | null;
    lang: Lang;
    t: Translate;
    /** The raw session cookie value, when signed in. */
    sessionToken: string | null;
    /** What the CSRF token is bound to: the session, or the anonymous visitor cookie. */
    csrfBinding: string;
    /** A message key left by the previous POST (after its redirect). */
    flash: string | null;
    /**
     * The municipality's scope for this request's operations, one object per request: a
     * GET's sign-in check leaves its transaction open under it for the first operation.
     */
    scope: Scope | null;
  }
  interface FastifyContextConfig {
    /** "public" pages need no account; everything else needs a signed-in staff account. */
    access?: "public" | "staff";
    /** False for routes that serve the installation, not a municipality (health, metrics, assets). */
    tenant?: boolean;
    /** What this route answers: an HTML page or JSON. Decides the error format. */
    kind?: "page" | "api";
    /** Reachable while the account still has a temporary password or lacks a second factor it must have (the pages that set them). */
    allowedWithTemporaryPassword?: boolean;
    /**
     * False for a POST that carries its own proof in a signed link and is made by a mail
     * client rather than one of our forms: RFC 8058's one-click unsubscribe.
     */
    csrf?: boolean;
    /**
     * The kind of record the path's `:id` names ("case", "company"): what the route-wide
     * tests fill in to prove another municipality's record answers 404. Every route with
     * `:id` says it; other path parameters name their record themselves (`:fileId`).
     */
    record?: string;
    /** An irreversible action: done only once confirmed on a page of its own (`platform/http/confirm.tsx`). */
    confirm?: ConfirmWith;
    /**
     * Served on a region's own host too, to its regional accounts (sign-in, the password, the
     * region's figures). Every other route answers 404 there: a region has no records.
     */
    region?: boolean;
  }
}

export {};
