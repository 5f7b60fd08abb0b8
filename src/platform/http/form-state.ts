import type { FastifyRequest } from "fastify";
import type { FieldProblem } from "../errors.js";
import { submittedValues } from "./forms.js";
import { fieldErrors } from "./problems.js";

/**
 * The errors and values a re-shown form needs, or none on a first showing. A problem
 * inside a list (a target, a summary) is shown on the list's field.
 */
export function formState(request: FastifyRequest, problems: FieldProblem[] | undefined, labels: Record<string, string>) {
  if (!problems) {
    return { errors: undefined, values: undefined };
  }
  const byField = problems
    .map((problem) => ({ ...problem, path: problem.path.split(".")[0] ?? problem.path }))
    .filter((problem, index, all) => all.findIndex((other) => other.path === problem.path) === index);
  return { errors: fieldErrors(byField, request.t, labels), values: submittedValues(request) };
}
