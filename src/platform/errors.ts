import type { MessageKey } from "./ui/i18n.js";

/**
 * What can be wrong with a field or a request, as a code a catalogue defines: `required` for
 * the platform's `error.required`, `desk.too_many_files` for a module's
 * `desk.error.too_many_files` (each module's messages live in its own namespace).
 */
export type ErrorCode = {
  [K in MessageKey]: K extends `error.${infer Code}` ? Code : K extends `${infer Module}.error.${infer Code}` ? `${Module}.${Code}` : never;
}[MessageKey];

/** The catalogue key of an error code: `required` → `error.required`, `desk.too_many_files` → `desk.error.too_many_files`. */
export function errorKey(code: string): string {
  const dot = code.indexOf(".");
  return dot < 0 ? `error.${code}` : `${code.slice(0, dot)}.error.${code.slice(dot + 1)}`;
}

/** A field-level problem, named by its path in the request; its message is an error code a catalogue defines. */
export interface FieldProblem {
  path: string;
  message: ErrorCode;
}

/** Errors a service throws; the HTTP layer turns each into its status and shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Missing and forbidden-to-see answer the same: the record does not exist for you. */
export class NotFoundError extends AppError {
  constructor(message = "not_found") {
    super(404, "not_found", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "forbidden") {
    super(403, "forbidden", message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "unauthorized") {
    super(401, "unauthorized", message);
  }
}

/** Bad input found by a service (after the schema passed): names the field. */
export class ValidationError extends AppError {
  constructor(fields: FieldProblem[]) {
    super(400, "validation", "validation", fields);
  }
}

export class ConflictError extends AppError {
  constructor(fields: FieldProblem[]) {
    super(409, "conflict", "conflict", fields);
  }
}

/** A command-line flag's value, or a usage error that names the flag (`lotsen user …`, `lotsen region …`). */
export function requiredFlag(value: string | undefined, flag: string): string {
  if (!value) {
    throw new AppError(400, "usage", `--${flag} is required`);
  }
  return value;
}
