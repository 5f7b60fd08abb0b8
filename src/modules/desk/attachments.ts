import { readFile } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import type { FieldProblem } from "../../platform/errors.js";
import type { UploadedFile } from "../../platform/http/uploads.js";

/** A file the business or an officer adds to a case, checked and read into memory. */
export interface CaseFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export const maxFiles = 5;
export const maxFileBytes = 10 * 1024 * 1024;

/** What a case may hold, told by the file's content and never by its name or the browser's word. */
const allowedTypes = new Set([
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/heic",
  "image/tiff",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/msword",
  "application/x-cfb",
  "application/vnd.ms-excel",
]);

/** Plain text has no signature: it is accepted when it is valid UTF-8 without control bytes. */
function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) {
    return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks posted files; problems name the field and what is wrong. */
export async function checkFiles(uploads: UploadedFile[], field: string): Promise<{ files: CaseFile[]; problems: FieldProblem[] }> {
  const present = uploads.filter((upload) => upload.filename !== "" && (upload.size > 0 || upload.tooLarge));
  if (present.length > maxFiles) {
    return { files: [], problems: [{ path: field, message: "desk.too_many_files" }] };
  }
  const files: CaseFile[] = [];
  for (const upload of present) {
    if (upload.tooLarge || upload.size > maxFileBytes) {
      return { files: [], problems: [{ path: field, message: "desk.attachment_too_large" }] };
    }
    const content = await readFile(upload.path);
    const detected = await fileTypeFromBuffer(content);
    const textLike = !detected && /\.(txt|csv)$/i.test(upload.filename) && isPlainText(content);
    if (!textLike && (!detected || !allowedTypes.has(detected.mime))) {
      return { files: [], problems: [{ path: field, message: "desk.attachment_type" }] };
    }
    files.push({ filename: upload.filename.slice(0, 200), contentType: textLike ? "text/plain; charset=utf-8" : detected!.mime, content });
  }
  return { files, problems: [] };
}
