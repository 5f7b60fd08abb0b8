import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance } from "fastify";

/** A file posted in a form, saved to a private temporary folder until the response is sent. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  path: string;
  size: number;
  /** Larger than the limit: nothing of it is kept. */
  tooLarge: boolean;
}

export const uploadLimitBytes = 20 * 1024 * 1024;

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "path" in value && "filename" in value && "tooLarge" in value;
}

/**
 * Forms with files post `multipart/form-data`. Fields arrive in `request.body` as for
 * any form (so CSRF and the schema see them); each file is streamed to disk, never held
 * in memory, and removed when the response has been sent.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    // A file over the limit is cut off and marked, not an error: the form says what is wrong.
    throwFileSizeLimit: false,
    // Ten files a form at most; a module that takes fewer says so on the form itself.
    limits: { fileSize: uploadLimitBytes, files: 10, fields: 50, parts: 60 },
    async onFile(part: MultipartFile & { value?: UploadedFile }) {
      const folder = await mkdtemp(path.join(tmpdir(), "lotsen-upload-"));
      const target = path.join(folder, "upload");
      await pipeline(part.file, createWriteStream(target));
      const tooLarge = part.file.truncated;
      const size = tooLarge ? 0 : (await stat(target)).size;
      part.value = { filename: path.basename(part.filename || ""), mimetype: part.mimetype, path: target, size, tooLarge };
      const files = (this.uploadFolders ??= []);
      files.push(folder);
    },
  });
  app.decorateRequest("uploadFolders", null);
  app.addHook("onResponse", async (request) => {
    for (const folder of request.uploadFolders ?? []) {
      await rm(folder, { recursive: true, force: true });
    }
  });
}

declare module "fastify" {
  interface FastifyRequest {
    uploadFolders: string[] | null;
  }
}
