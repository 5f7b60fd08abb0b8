import { TableWrap } from "../ui/components/table/table.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ping } from "../db/database.js";
import { Layout } from "../ui/components/layout/layout.js";
import { isMessageKey } from "../ui/i18n.js";
import type { AppServices } from "./app.js";
import { noInput } from "./forms.js";
import { localPath } from "./local-path.js";
import { cookieName, cookieOptions } from "./cookies.js";
import { pageContext, sendPage } from "./render.js";

/** Health and readiness, OpenAPI and its browsable page, and the language switch. */
export async function systemRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/healthz", { config: { tenant: false, access: "public", kind: "api" }, schema: { ...noInput, hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { config: { tenant: false, access: "public", kind: "api" }, schema: { ...noInput, hide: true } }, async (_request, reply) => {
    try {
      await ping(services.db);
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
  });

  app.get("/api/openapi.json", { config: { tenant: false, access: "public", kind: "api" }, schema: { ...noInput, hide: true } }, async () => app.swagger());

  app.get("/api", { config: { access: "public", kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const t = request.t;
    // The operations as the OpenAPI document lists them, each described in the reader's language.
    const operations = app.registeredRoutes
      .filter((route) => route.url.startsWith("/api/v1/"))
      .map((route) => ({
        path: route.url.replace(/:(\w+)/g, "{$1}"),
        method: route.method,
        summary: route.summary && isMessageKey(route.summary) ? t(route.summary) : (route.summary ?? ""),
      }));
    return sendPage(
      reply,
      <Layout ctx={pageContext(request, services.secret)} title={t("api.title")}>
        <h1>{t("api.title")}</h1>
        <p class="lead">
          {t("api.intro")} <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <TableWrap t={t} caption={t("api.title")}>
          <table class="table">
            <caption class="visually-hidden">{t("api.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("api.method")}</th>
                <th scope="col">{t("api.path")}</th>
                <th scope="col">{t("api.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((operation) => (
                <tr>
                  <td>
                    <code>{operation.method}</code>
                  </td>
                  <td>
                    <code>{operation.path}</code>
                  </td>
                  <td>{operation.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Layout>,
    );
  });

  app.post(
    "/sprak",
    {
      config: { access: "public", kind: "page", allowedWithTemporaryPassword: true, region: true },
      schema: { hide: true, body: z.object({ lang: z.enum(["sv", "en"]), next: z.string().max(500).optional(), _csrf: z.string().optional() }) },
    },
    async (request, reply) => {
      // Read by no script, so HttpOnly like the others.
      reply.setCookie(cookieName(request, "lang"), request.body.lang, cookieOptions(request, 365 * 86_400));
      return reply.code(303).redirect(localPath(request.body.next));
    },
  );
}
