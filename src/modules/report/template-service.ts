/** The municipality's report template and the logo its exported reports carry. */
import { fileTypeFromBuffer } from "file-type";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ValidationError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { authorizeReport } from "./policy.js";
import * as repo from "./repo.js";
import { audit } from "./report-service.js";
import type { TemplateInput } from "./schemas.js";
import { defaultTemplate, type TemplateEntry } from "./template.js";

/** The template's sections: the municipality's own, or the default until it has saved one. */
export async function templateOf(tx: ScopedTx, _municipalityId: string): Promise<TemplateEntry[]> {
  const own = await repo.listTemplate(tx);
  return own.length > 0 ? own.map(({ kind, title, source, guidance }) => ({ kind, title, source, guidance })) : [...defaultTemplate];
}

export async function getTemplate(ctx: OperationContext): Promise<{ entries: TemplateEntry[]; hasLogo: boolean }> {
  authorizeReport(ctx.actor, "report.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => ({
    entries: await templateOf(tx, ctx.scope.municipalityId),
    hasLogo: Boolean((await repo.findLogo(tx))?.logo),
  }));
}

/** Saves the template: each section's title and guidance, those kept in their order, and a new text section. */
export async function saveTemplate(ctx: OperationContext, input: TemplateInput): Promise<void> {
  authorizeReport(ctx.actor, "report.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await templateOf(tx, ctx.scope.municipalityId);
    if (input.sections.some((section) => section.index >= before.length)) {
      throw new ValidationError([{ path: "sections", message: "invalid_choice" }]);
    }
    const kept = input.sections
      .filter((section) => section.keep)
      .sort((a, b) => a.position - b.position || a.index - b.index)
      .map((section) => ({ ...before[section.index]!, title: section.title, guidance: section.guidance }));
    if (input.new_title) {
      kept.push({ kind: "text", title: input.new_title, source: null, guidance: "" });
    }
    if (kept.length === 0) {
      throw new ValidationError([{ path: "sections", message: "report.template_empty" }]);
    }
    await repo.deleteTemplate(tx);
    await repo.insertTemplateSections(
      tx,
      kept.map((entry, position) => ({ id: newId(), municipality_id: ctx.scope.municipalityId, ...entry, position })),
    );
    await audit(tx, ctx, {
      action: "template",
      recordType: "report_template",
      recordId: ctx.scope.municipalityId,
      changes: { sections: { from: before.map((entry) => entry.title).join(" · "), to: kept.map((entry) => entry.title).join(" · ") } },
    });
  });
}

/** The logo of exported reports: a PNG or JPEG by its bytes, at most 1 MB; none removes it. */
export async function saveLogo(ctx: OperationContext, content: Buffer | null): Promise<void> {
  authorizeReport(ctx.actor, "report.manage");
  const type = content ? (await fileTypeFromBuffer(content))?.mime : null;
  if (content && (content.length > 1024 * 1024 || (type !== "image/png" && type !== "image/jpeg"))) {
    throw new ValidationError([{ path: "logo", message: "report.logo_invalid" }]);
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await repo.saveLogo(tx, ctx.scope.municipalityId, content, type ?? null);
    await audit(tx, ctx, {
      action: "logo",
      recordType: "report_template",
      recordId: ctx.scope.municipalityId,
      changes: { logo: { from: null, to: type ?? null } },
    });
  });
}
