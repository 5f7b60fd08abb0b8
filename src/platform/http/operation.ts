import type { FastifyRequest } from "fastify";
import type { OperationContext } from "../context.js";
import type { Scope } from "../db/database.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { AppServices } from "./app.js";

/** The scope of the request's municipality (the one object its transaction is kept under); 404 on a route that serves none. */
export function requestScope(request: FastifyRequest): Scope {
  if (!request.scope) {
    throw new NotFoundError();
  }
  return request.scope;
}

/** The operation context of a signed-in request: its database, actor, municipality and request id. */
export function operationContext(request: FastifyRequest, services: AppServices): OperationContext {
  if (!request.actor || !request.municipality) {
    throw new ForbiddenError();
  }
  return {
    db: services.db,
    actor: request.actor,
    scope: requestScope(request),
    requestId: request.id,
    contributions: services.contributions,
  };
}
