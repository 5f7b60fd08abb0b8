import { checkFiles as checkPosted, type CheckedFile } from "../../platform/files.js";
import type { FieldProblem } from "../../platform/errors.js";
import type { UploadedFile } from "../../platform/http/uploads.js";

/** A file the business or an officer adds to a case, checked and read into memory. */
export type CaseFile = CheckedFile;

export const maxFiles = 5;
export const maxFileBytes = 10 * 1024 * 1024;

/** Reads and checks posted files; problems name the field and what is wrong. */
export function checkFiles(uploads: UploadedFile[], field: string): Promise<{ files: CaseFile[]; problems: FieldProblem[] }> {
  return checkPosted(uploads, field, {
    maxFiles,
    maxBytes: maxFileBytes,
    problems: { tooMany: "desk.too_many_files", tooLarge: "desk.attachment_too_large", type: "desk.attachment_type" },
  });
}
