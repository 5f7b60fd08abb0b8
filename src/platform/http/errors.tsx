import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, errorKey, type FieldProblem } from "../errors.js";
import { Layout } from "../ui/components/layout/layout.js";
import { isMessageKey } from "../ui/i18n.js";
import { pageContext, sendPage } from "./render.js";
import { problemMessage, problemsFromValidation } from "./problems.js";

/** Whether a request expects JSON: API routes, and anything that asks for JSON. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.routeOptions.config?.kind === "api" || request.url.startsWith("/api/") || (request.headers.accept ?? "").startsWith("application/json");
}

/** The conventions' error shape: `{ error: { code, message, fields: [{ path, message }] } }`, in the request's language. */
export function sendJsonError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, fields: FieldProblem[] = []): FastifyReply {
  const key = errorKey(code);
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send({
      error: {
        code,
        message: isMessageKey(key) ? request.t(key) : request.t(status >= 500 ? "error.internal" : "error.validation"),
        fields: fields.map((field) => ({ path: field.path, message: problemMessage(field, request.t) })),
      },
    });
}

function sendErrorPage(request: FastifyRequest, reply: FastifyReply, secret: string, status: number, code: string): FastifyReply {
  const t = request.t;
  const ctx = pageContext(request, secret);
  const [title, body] =
    status === 404
      ? [t("page.not_found.title"), t(code === "no_municipality" ? "error.no_municipality" : "page.not_found.body")]
      : status === 403 && code === "forbidden"
        ? [t("page.forbidden.title"), t("page.forbidden.body")]
        : status >= 500
          ? [t("page.failure.title"), t("page.failure.body", { id: request.id })]
          : [t("page.failure.title"), isMessageKey(errorKey(code)) ? t(errorKey(code) as "error.internal") : t("error.validation")];
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t("page.not_found.home")}</a>
      </p>
    </Layout>,
    status,
  );
}

/** Every error becomes a clear answer: JSON with the field named, or a friendly page that leaks nothing. */
export function registerErrorHandlers(app: FastifyInstance, secret: string): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = problemsFromValidation(error.validation, error.validationContext);
      return wantsJson(request) ? sendJsonError(request, reply, 400, "validation", fields) : sendErrorPage(request, reply, secret, 400, "validation");
    }
    if (error instanceof AppError) {
      if (error.code === "unauthorized" && !wantsJson(request)) {
        const next = encodeURIComponent(request.url);
        return reply.code(303).redirect(`/logga-in?next=${next}`);
      }
      if (error.code === "password_change_required" && !wantsJson(request)) {
        return reply.code(303).redirect("/konto/losenord");
      }
      if (error.code === "second_factor_required" && !wantsJson(request)) {
        return reply.code(303).redirect("/konto/tvastegs");
      }
      return wantsJson(request)
        ? sendJsonError(request, reply, error.status, error.code, error.fields)
        : sendErrorPage(request, reply, secret, error.status, error.code);
    }
    const status = typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, "request failed");
    }
    const code = status === 429 ? "rate_limited" : status === 404 ? "not_found" : status >= 500 ? "internal" : "validation";
    if (status === 429) {
      reply.header("retry-after", reply.getHeader("retry-after") ?? "60");
    }
    return wantsJson(request) ? sendJsonError(request, reply, status, code) : sendErrorPage(request, reply, secret, status, code);
  });

  app.setNotFoundHandler((request, reply) => {
    return wantsJson(request) ? sendJsonError(request, reply, 404, "not_found") : sendErrorPage(request, reply, secret, 404, "not_found");
  });
}
