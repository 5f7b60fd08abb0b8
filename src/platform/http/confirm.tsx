import type { FastifyInstance, FastifyRequest } from "fastify";
import { ConfirmPage, type Confirmation } from "../ui/components/confirm/confirm.js";
import { pageContext, sendPage } from "./render.js";

export type { Confirmation };

/** A route's confirmation: what its page says, from the request (translated with `request.t`). */
export type ConfirmWith = (request: FastifyRequest) => Confirmation | Promise<Confirmation>;

/**
 * Nothing irreversible by one click: a POST route whose config has `confirm` is done only
 * when its body says `confirmed=yes`. Otherwise it answers a page of its own that says what
 * will happen and posts the same fields again. Runs after validation, so the confirmation
 * reads a checked body and params, and after the CSRF check, so the page carries a fresh token.
 */
export function registerConfirmations(app: FastifyInstance, secret: string): void {
  // The schema strips what it does not name, so the fields are read as they were posted.
  const posted = new WeakMap<FastifyRequest, Record<string, unknown>>();
  app.addHook("preValidation", async (request) => {
    if (request.routeOptions.config.confirm && request.body && typeof request.body === "object") {
      posted.set(request, { ...(request.body as Record<string, unknown>) });
    }
  });
  app.addHook("preHandler", async (request, reply) => {
    const confirm = request.routeOptions.config.confirm;
    // A post that failed validation goes on to its handler, which shows the problem.
    if (!confirm || request.method !== "POST" || request.validationError) {
      return;
    }
    const body = posted.get(request) ?? {};
    if (body.confirmed === "yes") {
      return;
    }
    const fields = Object.entries(body).flatMap(([name, value]) =>
      name === "_csrf" || name === "confirmed" ? [] : [value].flat().flatMap((one) => (typeof one === "string" ? [[name, one] as const] : [])),
    );
    const confirmation = await confirm(request);
    return sendPage(reply, <ConfirmPage ctx={pageContext(request, secret)} action={request.url} fields={fields} confirmation={confirmation} />);
  });
}

/** The page an action under `path` was started from: the path without its last part (`/x/:id/ta-bort` → `/x/:id`). */
export function pageAbove(request: FastifyRequest): string {
  const path = request.url.split("?")[0] ?? "/";
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/** The question before a delete: the record by name (loaded in scope, so another municipality's is a 404), and that it cannot be undone. */
export function confirmDelete(named: (request: FastifyRequest, id: string) => Promise<string>): ConfirmWith {
  return async (request) => {
    const { id } = request.params as { id: string };
    const name = await named(request, id);
    return {
      title: request.t("common.confirm_delete_title", { name }),
      text: request.t("common.confirm_delete_text"),
      button: request.t("common.delete"),
      back: pageAbove(request),
    };
  };
}
