import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { OperationContext } from "../../platform/context.js";
import { reportingTasks } from "./follow-up-service.js";
import { ReportingList } from "./views/follow-up.js";

/** On a staff member's start page: what they still have to report, when there is anything. */
export async function reportingPanel(request: FastifyRequest, ctx: OperationContext): Promise<VNode | null> {
  const tasks = await reportingTasks(ctx);
  if (tasks.length === 0) {
    return null;
  }
  const t = request.t;
  return (
    <section class="panel" aria-labelledby="reporting-title">
      <h2 id="reporting-title">{t("programme.report_title")}</h2>
      <ReportingList t={t} tasks={tasks} headingLevel={3} />
      <p>
        <a href="/rapportering">{t("programme.report_title")}</a>
      </p>
    </section>
  );
}
