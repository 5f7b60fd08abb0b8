import { describe, expect, it } from "vitest";
import { z } from "zod";
import { email, optionalUrl, requiredText } from "./fields.js";
import { fieldErrors, problemsFromValidation } from "./problems.js";
import { translator } from "../ui/i18n.js";

function problemsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) {
    return [];
  }
  return problemsFromValidation(
    result.error.issues.map((issue) => ({ keyword: issue.code, instancePath: `/${issue.path.join("/")}`, message: issue.message, params: { ...issue } })),
  );
}

const schema = z.object({ name: requiredText(10), email: email(), website: optionalUrl() });

describe("validation messages", () => {
  it("names each field and says what is wrong, in Swedish with the field's label", () => {
    const problems = problemsOf(schema, { name: "", email: "inte-en-adress", website: "javascript:alert(1)" });
    const errors = fieldErrors(problems, translator("sv"), { name: "Namn", email: "E-postadress", website: "Webbplats" });
    expect(errors).toEqual({
      name: "Fyll i ”Namn”",
      email: "Ange en e-postadress i formatet namn@exempel.se",
      website: "Ange en webbadress som börjar med https:// eller http://",
    });
  });

  it("says a value is too long, in English too", () => {
    const problems = problemsOf(schema, { name: "x".repeat(11), email: "a@b.se" });
    expect(fieldErrors(problems, translator("en"), { name: "Name" })).toEqual({ name: "“Name” is too long" });
  });

  it("treats a missing field as not filled in", () => {
    expect(problemsOf(schema, {}).map((p) => [p.path, p.message])).toEqual([
      ["name", "required"],
      ["email", "required"],
    ]);
  });
});
