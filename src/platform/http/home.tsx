import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Layout } from "../ui/components/layout/layout.js";
import type { MessageKey } from "../ui/i18n.js";
import type { AppServices } from "./app.js";
import { noInput } from "./forms.js";
import { pageContext, sendPage } from "./render.js";

/** The start page: public introduction, or the signed-in staff member's overview. */
export async function homeRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/", { config: { kind: "page", access: "public" }, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, services.secret);
    const { t } = ctx;
    const actor = request.actor;
    const adminLinks = ctx.nav.filter((item) => item.href.startsWith("/admin/"));
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("home.title")}>
        {actor?.kind === "user" ? (
          <>
            <h1>{t("home.welcome", { name: actor.name })}</h1>
            <p>
              {t("home.roles")}: {actor.roles.map((role) => t(`role.${role}` as MessageKey)).join(", ")}
            </p>
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
            <h1>{ctx.municipalityName ?? t("app.name")}</h1>
            <p class="lead">{t("home.public_intro", { municipality: ctx.municipalityName ?? "" })}</p>
            <p>
              <a href="/logga-in">{t("nav.login")}</a>
            </p>
          </>
        )}
      </Layout>,
    );
  });
}
