import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { VNode } from "preact";
import { Layout } from "../ui/components/layout/layout.js";
import type { MessageKey } from "../ui/i18n.js";
import type { AppServices, RoutePlugin } from "./app.js";
import { noInput } from "./forms.js";
import { pageContext, sendPage } from "./render.js";

/** A part of a signed-in staff member's start page that a module adds (what they have to do there). */
export type StartPanel = (request: FastifyRequest, services: AppServices) => Promise<VNode | null>;

/** A door on the public start page: where it leads, its name and one line on what a business finds there. */
export interface Entrance {
  href: string;
  title: MessageKey;
  text: MessageKey;
}

/**
 * The start page: for a business, the municipality's front door (the modules' entrances:
 * ask a question, the programme, news, events, the newsletter); for signed-in staff, their
 * overview with the modules' panels.
 */
export const homeRoutes =
  (panels: readonly StartPanel[] = [], entrances: readonly Entrance[] = []): RoutePlugin =>
  async (fastify: FastifyInstance, services: AppServices): Promise<void> => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get("/", { config: { kind: "page", access: "public", region: true }, schema: { ...noInput, hide: true } }, async (request, reply) => {
      if (request.region) {
        // A region's host has one page to start from: its figures.
        return reply.code(303).redirect("/region");
      }
      const ctx = pageContext(request, services.secret);
      const { t } = ctx;
      const actor = request.actor;
      const adminLinks = ctx.nav.filter((item) => item.href.startsWith("/admin/"));
      const shown = actor ? (await Promise.all(panels.map((panel) => panel(request, services)))).filter((panel) => panel !== null) : [];
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t("home.title")}>
          {actor?.kind === "user" ? (
            <>
              <h1>{t("home.welcome", { name: actor.name })}</h1>
              <p>
                {t("home.roles")}: {actor.roles.map((role) => t(`role.${role}` as MessageKey)).join(", ")}
              </p>
              {shown}
              {adminLinks.length > 0 ? (
                <>
                  <h2>{t("home.admin_links")}</h2>
                  <ul>
                    {adminLinks.map((item) => (
                      <li>
                        <a href={item.href}>{t(item.label)}</a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : (
            <>
              <h1>{t("home.public_title", { municipality: ctx.municipalityName ?? t("app.name") })}</h1>
              <p class="lead">{t("home.public_intro", { municipality: ctx.municipalityName ?? "" })}</p>
              <ul class="entrances">
                {entrances.map((entrance) => (
                  <li>
                    <h2>
                      <a href={entrance.href}>{t(entrance.title)}</a>
                    </h2>
                    <p>{t(entrance.text)}</p>
                  </li>
                ))}
              </ul>
              <p class="staff-login">
                {t("home.staff")} <a href="/logga-in">{t("nav.login")}</a>
              </p>
            </>
          )}
        </Layout>,
      );
    });
  };
