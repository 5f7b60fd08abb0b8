import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { operationContext } from "../../platform/http/operation.js";
import { canCommunicate } from "./policy.js";
import { communicationLabels } from "./public-routes.js";

/** What each of communication's staff route files starts from: the typed app, the operation context, the policy's answers and a form's state. */
export function staffKit(fastify: FastifyInstance, services: AppServices) {
  return {
    app: fastify.withTypeProvider<ZodTypeProvider>(),
    page: { kind: "page" as const },
    ctxOf: (request: FastifyRequest) => operationContext(request, services),
    can: (request: FastifyRequest, action: Parameters<typeof canCommunicate>[1]) => request.actor !== null && canCommunicate(request.actor, action),
    state: (request: FastifyRequest, problems: FieldProblem[] | undefined) => formState(request, problems, communicationLabels(request)),
  };
}
