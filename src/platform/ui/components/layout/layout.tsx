import type { ComponentChildren } from "preact";
import type { NavItem, PageContext } from "../../context.js";
import { assetUrl } from "../../assets.js";

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** The page updates parts of itself with htmx (filters as you type); other pages do not load it. */
  htmx?: boolean;
}

/**
 * The frame of every page: skip link, the municipality's name, navigation by role, the
 * language switch (a form: works without JavaScript), the main landmark and a footer
 * that links the accessibility statement.
 */
export function Layout({ ctx, title, children, htmx = false }: LayoutProps) {
  const { t } = ctx;
  const otherLang = ctx.lang === "sv" ? "en" : "sv";
  const fullTitle = ctx.municipalityName ? `${title} – ${t("app.name")} – ${ctx.municipalityName}` : `${title} – ${t("app.name")}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {htmx ? <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' /> : null}
        <title>{fullTitle}</title>
        <link rel="stylesheet" href={assetUrl("lotsen.css")} />
        {ctx.brandColour ? <link rel="stylesheet" href={`/assets/kommun.css?v=${ctx.brandColour.slice(1)}`} /> : null}
        {htmx ? <script src={assetUrl("htmx.min.js")} defer></script> : null}
        <script src={assetUrl("lotsen.js")} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("skip.to_content")}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <p class="brand">
              <a href="/">
                {/* The name beside it says whose logo it is, so the picture itself is not read out twice. */}
                {ctx.logoVersion ? <img class="brand-logo" src={`/kommun/logotyp?v=${ctx.logoVersion}`} alt="" /> : null}
                <span class="brand-name">{t("app.name")}</span>
                {ctx.municipalityName ? <span class="brand-municipality">{ctx.municipalityName}</span> : null}
              </a>
            </p>
            <form class="lang-switch" method="post" action="/sprak">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="next" value={ctx.path} />
              <input type="hidden" name="lang" value={otherLang} />
              <button type="submit" lang={otherLang} class="link-button">
                {t(otherLang === "sv" ? "lang.sv" : "lang.en")}
              </button>
            </form>
          </div>
          <nav aria-label={t("nav.label")} class="wrap">
            <ul class="nav-list">
              {ctx.nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? "page" : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
              {ctx.actor ? (
                <li>
                  <form method="post" action="/logga-ut" class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      {t("nav.logout")}
                    </button>
                  </form>
                </li>
              ) : (
                <li>
                  <a href="/logga-in" aria-current={ctx.path === "/logga-in" ? "page" : undefined}>
                    {t("nav.login")}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {ctx.flash ? (
            <div class="notice" role="status">
              {ctx.flash}
            </div>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {(ctx.footer ?? footerLinks).length > 0 ? (
              <ul class="footer-links">
                {(ctx.footer ?? footerLinks).map((link) => (
                  <li>
                    <a href={link.href}>{t(link.label)}</a>
                  </li>
                ))}
              </ul>
            ) : null}
            <p>{ctx.municipalityName ?? t("app.name")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** What a `KeptContentPage`'s frame shows: everything of a `Layout` but its children. */
export type KeptContentFrame = Omit<LayoutProps, "children">;

/** Where `KeptContentPage` leaves room for its content; nothing a page renders escapes to it. */
export const keptContentSlot = "<!--kept-content-->";

/**
 * The frame around content made before: a page whose content is made once per kept value
 * (`MadeOnce`) and shared by the readers it fits, while the frame, which carries the
 * reader's name, navigation and token, is made per request. The content's bytes take the
 * slot's place as the page is sent (`sendKeptContentPage`).
 */
export function KeptContentPage({ ctx, title, htmx = false }: KeptContentFrame) {
  return (
    <Layout ctx={ctx} title={title} htmx={htmx}>
      <div dangerouslySetInnerHTML={{ __html: keptContentSlot }} />
    </Layout>
  );
}

/** The footer's links on a municipality's pages. */
export const footerLinks: NavItem[] = [
  { href: "/tillganglighet", label: "footer.accessibility" },
  { href: "/api", label: "footer.api" },
];

function isCurrent(path: string, href: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}
