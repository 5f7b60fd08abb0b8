import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { ReportPart } from "../snapshot.js";
import { formatNumber } from "./parts.js";

/** The yearly report frozen with a follow-up: its sections' texts and figures, and the report as DOCX and PDF. */
export function SnapshotReport({ ctx, report, followUpId }: { ctx: PageContext; report: ReportPart; followUpId: string }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{t("programme.snapshot_report")}</h2>
      <ul class="no-print">
        <li>
          <a href={`/uppfoljning/${followUpId}/rapport.docx`}>{t("programme.snapshot_docx")}</a>
        </li>
        <li>
          <a href={`/uppfoljning/${followUpId}/rapport.pdf`}>{t("programme.snapshot_pdf")}</a>
        </li>
      </ul>
      {report.sections.map((section) => (
        <section aria-label={section.title}>
          <h3>{section.title}</h3>
          {section.text
            .split(/\n\s*\n/)
            .filter((paragraph) => paragraph.trim() !== "")
            .map((paragraph) => (
              <p class="prewrap">{paragraph.trim()}</p>
            ))}
          {section.figures.length > 0 ? (
            <TableWrap t={t} caption={section.title}>
              <table class="table">
                <caption>{section.title}</caption>
                <tbody>
                  {section.figures.map((figure) => (
                    <tr>
                      <th scope="row">{figure.label}</th>
                      <td class="numeric">{formatNumber(figure.value, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </section>
      ))}
    </section>
  );
}
