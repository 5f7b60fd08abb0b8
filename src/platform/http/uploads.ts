import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

/**
 * A file posted in a form, saved to a private temporary folder until the response is sent.
 * Only the multipart reader below makes one, and it keeps it on the request, never in the
 * body: a JSON body shaped like a file is just data, and names no file on the server.
 */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  path: string;
  /** Bytes on disk, read from the file system after writing. */
  size: number;
  /** Larger than the route's limit: nothing of it is kept. */
  tooLarge: boolean;
}

/** What a route that takes `multipart/form-data` accepts: how many files, of what size. */
export interface MultipartLimits {
  /** Files per post; 0 for a route that takes multipart fields only (RFC 8058's one-click). */
  files: number;
  fileBytes?: number;
}

export const uploadLimitBytes = 20 * 1024 * 1024;

const fieldLimits = { fields: 50, fieldSize: 1024 * 1024, fieldNameSize: 100 };
const forbiddenNames = new Set(["__proto__", "constructor", "prototype"]);

/** The files this request's multipart reader wrote for one form field. */
export function uploadedFiles(request: FastifyRequest, field: string): UploadedFile[] {
  return request.uploads?.get(field) ?? [];
}

/**
 * Registers the multipart parser without reading anything: a multipart body is read only
 * by `readMultipart`, on a route that declares `config.multipart`, after the request has
 * passed its rate limit and access check. The per-request folder goes when the response is sent.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  // A file over the limit is cut off and marked, not an error: the form says what is wrong.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { ...fieldLimits, files: 0, fileSize: 0 } });
  app.decorateRequest("uploads", null);
  app.decorateRequest("uploadFolder", null);
  app.addHook("onResponse", async (request) => {
    if (request.uploadFolder) {
      await rm(request.uploadFolder, { recursive: true, force: true });
    }
  });
}

/**
 * Reads a multipart body as fields and files. Fields come first in a form (the CSRF token is
 * its first field), so `beforeFirstFile` can refuse the request before any byte of a file
 * is written; a file part beyond the route's limits is an error, not a write.
 */
export async function readMultipart(
  request: FastifyRequest,
  limits: MultipartLimits,
  beforeFirstFile: (fields: Record<string, unknown>) => void,
  uploadRoot: string = tmpdir(),
): Promise<Record<string, unknown>> {
  const fields: Record<string, string | string[]> = {};
  const files = new Map<string, UploadedFile[]>();
  request.uploads = files;
  const fileBytes = limits.fileBytes ?? uploadLimitBytes;
  let checked = false;
  let written = 0;
  try {
    const parts = request.parts({ limits: { ...fieldLimits, files: limits.files, fileSize: fileBytes, parts: fieldLimits.fields + limits.files } });
    for await (const part of parts) {
      if (forbiddenNames.has(part.fieldname)) {
        throw new AppError(400, "validation", "validation", [{ path: part.fieldname, message: "invalid_value" }]);
      }
      if (part.type === "field") {
        if (part.valueTruncated || part.fieldnameTruncated) {
          // A value cut at the field limit is not what was sent: refused, not taken in part.
          throw new AppError(413, "too_many_parts", "multipart");
        }
        const value = typeof part.value === "string" ? part.value : String(part.value);
        const before = fields[part.fieldname];
        fields[part.fieldname] = before === undefined ? value : [before, value].flat();
        continue;
      }
      if (!checked) {
        beforeFirstFile(fields);
        checked = true;
      }
      const filename = path.basename(part.filename || "");
      if (filename === "") {
        // A file input left empty still posts an empty part: nothing to keep.
        part.file.resume();
        continue;
      }
      request.uploadFolder ??= await mkdtemp(path.join(uploadRoot, "lotsen-upload-"));
      const target = path.join(request.uploadFolder, `upload-${(written += 1)}`);
      await pipeline(part.file, createWriteStream(target, { mode: 0o600 }));
      const tooLarge = part.file.truncated;
      if (tooLarge) {
        await unlink(target);
      }
      const file: UploadedFile = { filename, mimetype: part.mimetype, path: target, size: tooLarge ? 0 : (await stat(target)).size, tooLarge };
      files.set(part.fieldname, [...(files.get(part.fieldname) ?? []), file]);
    }
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    const status = (error as { statusCode?: number }).statusCode;
    throw new AppError(status === 413 ? 413 : 400, status === 413 ? "too_many_parts" : "validation", "multipart");
  }
  return fields;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Files the multipart reader wrote for this request, by field name. */
    uploads: Map<string, UploadedFile[]> | null;
    /** The request's private temporary folder, removed when the response is sent. */
    uploadFolder: string | null;
  }
  interface FastifyContextConfig {
    /** This route takes `multipart/form-data`, with these limits; every other form route takes urlencoded only. */
    multipart?: MultipartLimits;
  }
}
