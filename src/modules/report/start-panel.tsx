import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { OperationContext } from "../../platform/context.js";
import { mySections } from "./section-service.js";

/** On a staff member's start page: the report sections they still have to write. */
export async function sectionsPanel(request: FastifyRequest, ctx: OperationContext): Promise<VNode | null> {
  const open = await mySections(ctx);
  if (open.length === 0) {
    return null;
  }
  const t = request.t;
  return (
    <section class="panel" aria-labelledby="report-sections-title">
      <h2 id="report-sections-title">{t("report.start_panel")}</h2>
      <ul>
        {open.map((section) => (
          <li>
            <a href={`/admin/rapportavsnitt/${section.id}`}>{t("report.start_panel_item", { title: section.title, year: section.year })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
