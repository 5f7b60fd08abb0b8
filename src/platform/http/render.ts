import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { can, type PlatformAction } from "../auth/policy.js";
import type { Actor } from "../auth/roles.js";
import type { NavItem, PageContext } from "../ui/context.js";
import { isMessageKey } from "../ui/i18n.js";
import { footerLinks, KeptContentPage, keptContentSlot, type KeptContentFrame } from "../ui/components/layout/layout.js";
import { cookieName, cookieOptions } from "./cookies.js";
import { csrfToken } from "./csrf.js";
import type { RenderedPages } from "./page-store.js";

/** A navigation entry shown to those the policy lets see it. Modules add theirs in their `LotsenModule`. */
export interface NavEntry extends NavItem {
  visible: (actor: Actor | null) => boolean;
}

const allowed = (action: PlatformAction) => (actor: Actor | null) => actor !== null && can(actor, action);

/** The platform's menu entries; the built app puts the modules' after the start page. */
export const platformNavigation: readonly NavEntry[] = [
  { href: "/", label: "nav.start", visible: () => true },
  { href: "/konto", label: "nav.account", visible: (actor) => actor !== null },
  { href: "/admin/konton", label: "nav.users", visible: allowed("users.read") },
  { href: "/admin/enheter", label: "nav.units", visible: allowed("units.read") },
  { href: "/admin/parter", label: "nav.parties", visible: allowed("parties.read") },
  { href: "/admin/installningar", label: "nav.settings", visible: allowed("settings.manage") },
  { href: "/system/kommuner", label: "nav.municipalities", visible: allowed("installation.manage") },
  { href: "/admin/logg", label: "nav.audit", visible: allowed("audit.read") },
  { href: "/admin/inloggning", label: "nav.sign_in_settings", visible: allowed("settings.manage") },
  { href: "/admin/webhooks", label: "nav.webhooks", visible: allowed("settings.manage") },
  { href: "/admin/dataskydd", label: "nav.privacy", visible: allowed("privacy.manage") },
];

/** The pages a region's own host serves, by app: gathered once, at its first such request, when every route is registered. */
const regionPages = new WeakMap<FastifyRequest["server"], ReadonlySet<string>>();

/** On a region's own host the menu offers only the pages served there. */
function servedOnRegionHost(request: FastifyRequest, href: string): boolean {
  let pages = regionPages.get(request.server);
  if (!pages) {
    pages = new Set(request.server.registeredRoutes.filter((route) => route.region && route.method === "GET").map((route) => route.url));
    regionPages.set(request.server, pages);
  }
  return pages.has(href);
}

/** The page context of a request: language, municipality, actor, navigation, CSRF token. */
export function pageContext(request: FastifyRequest, secret: string, flash?: string): PageContext {
  return {
    lang: request.lang,
    t: request.t,
    municipalityName: request.municipality?.name ?? request.region?.name ?? null,
    brandColour: request.municipality?.brand_colour ?? null,
    logoVersion: request.municipality?.logo_version ?? null,
    actor: request.actor,
    csrfToken: csrfToken(secret, request.csrfBinding),
    path: request.url.split("?")[0] ?? "/",
    nav: request.server.navigation
      .filter((entry) => entry.visible(request.actor) && (request.region === null || servedOnRegionHost(request, entry.href)))
      .map(({ href, label }) => ({ href, label })),
    ...(request.region ? { footer: footerLinks.filter((link) => servedOnRegionHost(request, link.href)) } : {}),
    flash: flash ?? (request.flash && isMessageKey(request.flash) ? request.t(request.flash) : undefined),
  };
}

/**
 * Sends a rendered page as a complete HTML document. A page a visitor reads without
 * signing in may be kept by their browser and asked for again with its ETag: the same
 * page answers 304 with no body. Its hash covers the visitor's CSRF token, so one
 * visitor's copy is never another's. Staff pages, and pages that said so (a private
 * link's), are never stored.
 */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return sendDocument(reply, `<!doctype html>${renderToString(page)}`, status);
}

/** Content made once as the bytes it is sent as (`MadeOnce`, `KeptContentPage`). */
export const htmlBytes = (content: VNode): Buffer => Buffer.from(renderToString(content));

/**
 * Sends a page whose content was made before, in a `KeptContentPage` frame made now. The
 * frame is rendered and encoded; the content is copied into its slot as the bytes it was
 * kept as. Put into the frame's text instead, tens of kilobytes would be joined, measured
 * and encoded anew on every request. Text in the frame is escaped, so the first slot is
 * the frame's own.
 */
export function sendKeptContentPage(reply: FastifyReply, frame: KeptContentFrame, content: Buffer, status = 200): FastifyReply {
  const html = `<!doctype html>${renderToString(h(KeptContentPage, frame))}`;
  const at = html.indexOf(keptContentSlot);
  return sendDocument(reply, Buffer.concat([Buffer.from(html.slice(0, at)), content, Buffer.from(html.slice(at + keptContentSlot.length))]), status);
}

/** A whole HTML document, with the caching `sendPage` describes: encoded once here, rather than measured and then encoded as it is sent. */
function sendDocument(reply: FastifyReply, document: string | Buffer, status: number): FastifyReply {
  const html = typeof document === "string" ? Buffer.from(document) : document;
  reply.code(status).header("content-type", "text/html; charset=utf-8");
  const request = reply.request;
  if (reply.hasHeader("cache-control") || request.actor !== null || request.method !== "GET" || status !== 200) {
    return reply.header("cache-control", reply.getHeader("cache-control") ?? "no-store").send(html);
  }
  const etag = `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`;
  reply.header("cache-control", "private, no-cache").header("etag", etag);
  return request.headers["if-none-match"] === etag ? reply.code(304).send() : reply.send(html);
}

/**
 * Sends a public page from `pages` when it was rendered for this version before, and
 * renders and keeps it when not (`RenderedPages`). `version` must change whenever what
 * the page shows changes, other than its path and language; null renders as `sendPage`
 * does. Staff and pages with a message to show are always rendered. The ETag comes from
 * the version and the visitor's token, so a visitor's browser asks with no page built.
 */
export async function sendStoredPage(
  reply: FastifyReply,
  store: { secret: string; pages: RenderedPages },
  version: string | null,
  render: (ctx: PageContext) => VNode | Promise<VNode>,
): Promise<FastifyReply> {
  const request = reply.request;
  const ctx = pageContext(request, store.secret);
  if (version === null || request.actor !== null || ctx.flash !== undefined || request.method !== "GET" || reply.hasHeader("cache-control")) {
    return sendPage(reply, await render(ctx));
  }
  const { pages } = store;
  const key = `${request.municipality?.id ?? ""}|${ctx.municipalityName ?? ""}|${request.lang}|${ctx.path}|${version}`;
  // The stand-in is new with each process: a page rendered by an older release is never taken as this one.
  const etag = `"${createHash("sha256").update(`${pages.tokenStandIn}|${key}|${ctx.csrfToken}`).digest("base64url").slice(0, 27)}"`;
  reply.code(200).header("content-type", "text/html; charset=utf-8").header("cache-control", "private, no-cache").header("etag", etag);
  if (request.headers["if-none-match"] === etag) {
    return reply.code(304).send();
  }
  let html = pages.get(key, ctx.csrfToken);
  if (html === undefined) {
    const rendered = `<!doctype html>${renderToString(await render({ ...ctx, csrfToken: pages.tokenStandIn }))}`;
    pages.remember(key, rendered);
    html = rendered.replaceAll(pages.tokenStandIn, ctx.csrfToken);
  }
  return reply.send(html);
}

/** A page behind a private link: never cached, never indexed, and its address never sent on as a referrer. */
export function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer").header("x-robots-tag", "noindex");
}

/** After a successful POST: redirect (303) so that reload does not post again. */
export function redirectAfterPost(reply: FastifyReply, location: string, flash?: string): FastifyReply {
  if (flash) {
    reply.setCookie(cookieName(reply.request, "flash"), flash, cookieOptions(reply.request, 60));
  }
  return reply.code(303).redirect(location);
}
