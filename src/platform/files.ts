import { readFile } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import type { ErrorCode, FieldProblem } from "./errors.js";
import type { UploadedFile } from "./http/uploads.js";

/** A posted file, checked and read into memory. */
export interface CheckedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** How many files a field takes, how large each may be, and what to say when they are not so. */
export interface FileRules {
  maxFiles: number;
  maxBytes: number;
  /** The types taken, when fewer than the usual documents, pictures and plain text (a logo: pictures only). */
  types?: ReadonlySet<string>;
  problems: { tooMany: ErrorCode; tooLarge: ErrorCode; type: ErrorCode };
}

/** What may be posted (documents, images, office files), told by the file's content and never by its name or the browser's word. */
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
export async function checkFiles(uploads: UploadedFile[], field: string, rules: FileRules): Promise<{ files: CheckedFile[]; problems: FieldProblem[] }> {
  const present = uploads.filter((upload) => upload.filename !== "" && (upload.size > 0 || upload.tooLarge));
  if (present.length > rules.maxFiles) {
    return { files: [], problems: [{ path: field, message: rules.problems.tooMany }] };
  }
  const files: CheckedFile[] = [];
  for (const upload of present) {
    if (upload.tooLarge || upload.size > rules.maxBytes) {
      return { files: [], problems: [{ path: field, message: rules.problems.tooLarge }] };
    }
    const content = await readFile(upload.path);
    const detected = await fileTypeFromBuffer(content);
    const textLike = !rules.types && !detected && /\.(txt|csv)$/i.test(upload.filename) && isPlainText(content);
    if (!textLike && (!detected || !(rules.types ?? allowedTypes).has(detected.mime))) {
      return { files: [], problems: [{ path: field, message: rules.problems.type }] };
    }
    files.push({ filename: upload.filename.slice(0, 200), contentType: textLike ? "text/plain; charset=utf-8" : detected!.mime, content });
  }
  return { files, problems: [] };
}
