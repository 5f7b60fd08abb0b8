import type { MessageKey } from "./ui/i18n.js";

/** What can be wrong with a field: a key of the catalogues' `error.` messages, without the prefix. */
export type ErrorCode = { [K in MessageKey]: K extends `error.${infer Code}` ? Code : never }[MessageKey];

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
