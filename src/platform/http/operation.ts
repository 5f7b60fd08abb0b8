import type { FastifyRequest } from "fastify";
import type { OperationContext } from "../context.js";
import { ForbiddenError } from "../errors.js";
import type { AppServices } from "./app.js";

/** The operation context of a signed-in request: its database, actor, municipality and request id. */
export function operationContext(request: FastifyRequest, services: AppServices): OperationContext {
  if (!request.actor || !request.municipality) {
    throw new ForbiddenError();
  }
  return {
    db: services.db,
    actor: request.actor,
    scope: { municipalityId: request.municipality.id },
    requestId: request.id,
    contributions: services.contributions,
  };
}
