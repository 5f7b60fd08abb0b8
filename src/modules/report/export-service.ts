/** A published follow-up as DOCX or PDF: public, like the follow-up, and the same document in both. */
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import type { Lang } from "../../platform/ui/i18n.js";
import { translator } from "../../platform/ui/i18n.js";
import { getFollowUp } from "../programme/index.js";
import { reportDocument } from "./document.js";
import { reportDocx } from "./docx.js";
import { reportPdf } from "./pdf.js";
import * as repo from "./repo.js";

export type ExportFormat = "docx" | "pdf";

export async function exportFollowUp(db: Db, scope: Scope, followUpId: string, lang: Lang, format: ExportFormat): Promise<{ content: Buffer; name: string }> {
  const followUp = await getFollowUp(db, scope, followUpId);
  const { municipality, logo } = await inScope(db, scope, async (tx) => ({
    municipality: await repo.municipalityName(tx, scope.municipalityId),
    logo: await repo.findLogo(tx),
  }));
  const document = reportDocument(followUp.snapshot, translator(lang), lang, municipality);
  const image = logo?.logo && logo.logo_type ? { content: logo.logo, type: logo.logo_type } : null;
  const content = format === "docx" ? await reportDocx(document, image) : await reportPdf(document, image);
  return { content, name: `uppfoljning-${followUp.year}${followUp.revision > 1 ? `-${followUp.revision}` : ""}.${format}` };
}
