import { errorKey, type FieldProblem, type ErrorCode } from "../errors.js";
import { isMessageKey, type Translate } from "../ui/i18n.js";

/** One entry of a schema validation error as fastify-type-provider-zod reports it. */
interface ValidationEntry {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns schema validation entries into field problems whose message is a message key. */
export function problemsFromValidation(entries: readonly ValidationEntry[], context?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const entry of entries) {
    const path =
      (entry.instancePath ?? "")
        .replace(/^\//, "")
        .split("/")
        .filter((part) => !/^\d+$/.test(part))
        .join(".") ||
      context ||
      "body";
    if (problems.some((problem) => problem.path === path)) {
      continue;
    }
    problems.push({ path, message: messageKeyFor(entry) });
  }
  return problems;
}

function messageKeyFor(entry: ValidationEntry): ErrorCode {
  if (entry.message && isMessageKey(errorKey(entry.message))) {
    // A schema's message that a catalogue defines (checked just above).
    return entry.message as ErrorCode;
  }
  const params = entry.params ?? {};
  switch (entry.keyword) {
    case "invalid_type":
      return params.input === undefined || params.input === null ? "required" : "invalid_value";
    case "too_small":
      return params.origin === "string" && params.minimum === 1 ? "required" : "too_short";
    case "too_big":
      return "too_long";
    case "invalid_format":
      return params.format === "email"
        ? "invalid_email"
        : params.format === "url"
          ? "invalid_url"
          : params.format === "date"
            ? "invalid_date"
            : "invalid_value";
    case "invalid_value":
    case "invalid_union":
      return "invalid_choice";
    default:
      return "invalid_value";
  }
}

/** The message a reader sees for a problem, with the field's label filled in. */
export function problemMessage(problem: FieldProblem, t: Translate, labels: Record<string, string> = {}): string {
  const key = errorKey(problem.message);
  const field = labels[problem.path] ?? problem.path;
  if (!isMessageKey(key)) {
    return problem.message;
  }
  const labelled = problem.path in labels;
  // A label in quotes reads right in every sentence ("Ange ”Börjar” som …"), where a lowercased one did not.
  const message = t(key, { field: labelled ? t("form.field_name", { label: field }) : field });
  // A sentence starts with a capital, unless it starts with a field's path (as the API names fields).
  return labelled || !message.startsWith(field) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** Field errors for a form: path → message in the reader's language. */
export function fieldErrors(problems: readonly FieldProblem[], t: Translate, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(problems.map((problem) => [problem.path, problemMessage(problem, t, labels)]));
}
