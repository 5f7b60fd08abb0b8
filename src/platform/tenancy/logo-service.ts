/**
 * A municipality's logo in the header of its pages: a PNG, JPEG or WebP picture, told by its
 * content (never SVG, which is a document that can carry script), at most 1 MB, named by the
 * pages with a version from its content so a browser keeps it until it changes.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../audit/audit.js";
import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope, type Db, type Scope } from "../db/database.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { checkFiles } from "../files.js";
import type { UploadedFile } from "../http/uploads.js";
import * as repo from "./logo-repo.js";

export const logoMaxBytes = 1024 * 1024;
const pictures = new Set(["image/png", "image/jpeg", "image/webp"]);

/** Checks the posted picture and makes it the municipality's logo. */
export async function saveLogo(ctx: OperationContext, uploads: UploadedFile[]): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  const { files, problems } = await checkFiles(uploads, "logo", {
    maxFiles: 1,
    maxBytes: logoMaxBytes,
    types: pictures,
    problems: { tooMany: "too_many_files", tooLarge: "logo_too_large", type: "logo_type" },
  });
  if (problems.length > 0 || files.length === 0) {
    throw new ValidationError(problems.length > 0 ? problems : [{ path: "logo", message: "required" }]);
  }
  const file = files[0]!;
  const version = createHash("sha256").update(file.content).digest("hex").slice(0, 12);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await repo.saveLogo(
      tx,
      {
        municipality_id: ctx.scope.municipalityId,
        content: file.content,
        content_type: file.contentType as "image/png" | "image/jpeg" | "image/webp",
        filename: file.filename,
      },
      version,
    );
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "logo.saved",
        recordType: "municipality",
        recordId: ctx.scope.municipalityId,
        changes: { file: file.filename, bytes: file.content.length, version },
      },
      ctx.requestId,
    );
  });
}

export async function removeLogo(ctx: OperationContext): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    if (await repo.removeLogo(tx, ctx.scope.municipalityId)) {
      await recordAudit(tx, ctx.actor, { action: "logo.removed", recordType: "municipality", recordId: ctx.scope.municipalityId }, ctx.requestId);
    }
  });
}

/** The logo of the municipality a host serves, for anyone. */
export async function logoOf(db: Db, scope: Scope): Promise<{ content: Buffer; content_type: string }> {
  const logo = await inScope(db, scope, (tx) => repo.findLogo(tx, scope.municipalityId));
  if (!logo) {
    throw new NotFoundError();
  }
  return logo;
}
