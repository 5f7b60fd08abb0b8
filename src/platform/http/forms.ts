import type { FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, type FieldProblem } from "../errors.js";
import { problemsFromValidation } from "./problems.js";
import { redirectAfterPost } from "./render.js";

/** The schema of a route that takes no input: unknown query parameters are ignored. */
export const noInput = { querystring: z.object({}) };

/** A path with one id. Anything that is not an id simply finds nothing (404), never a 400. */
export const idParams = z.object({ id: z.string().max(100) });

/**
 * The problems of a form post that failed its schema (routes set `attachValidation`),
 * or null when the body is valid. The handler then re-shows the form with the values.
 */
export function formProblems(request: FastifyRequest): FieldProblem[] | null {
  const error = request.validationError;
  if (!error) {
    return null;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return problemsFromValidation(error.validation, error.validationContext);
  }
  return [{ path: "body", message: "invalid_value" }];
}

/** Field problems a service raised (bad reference, name taken), or rethrows anything else. */
export function serviceProblems(error: unknown): FieldProblem[] {
  if (error instanceof AppError && error.fields.length > 0 && (error.status === 400 || error.status === 409)) {
    return error.fields;
  }
  throw error;
}

/** What the user typed, without the CSRF token, to show again. */
export function submittedValues(request: FastifyRequest): Record<string, unknown> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const { _csrf: _ignored, ...values } = body;
  return values;
}

/**
 * The common shape of a form post: bad input re-shows the form (400) with the problems and
 * the values; a service's field problems do too; otherwise redirect (303) where `act` says.
 */
export async function handleFormPost(
  request: FastifyRequest,
  reply: FastifyReply,
  show: (problems: FieldProblem[], status: number) => Promise<FastifyReply> | FastifyReply,
  act: () => Promise<string>,
  flash = "common.saved",
): Promise<FastifyReply> {
  const problems = formProblems(request);
  if (problems) {
    return show(problems, 400);
  }
  let location: string;
  try {
    location = await act();
  } catch (error) {
    return show(serviceProblems(error), 400);
  }
  return redirectAfterPost(reply, location, flash);
}
