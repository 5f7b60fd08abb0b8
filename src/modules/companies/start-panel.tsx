import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { OperationContext } from "../../platform/context.js";
import { formatDate } from "../../platform/ui/format.js";
import { canCompanies } from "./policy.js";
import { myTasks } from "./visit-service.js";

/** On a staff member's start page: their open follow-up tasks from company visits, when there are any. */
export async function tasksPanel(request: FastifyRequest, ctx: OperationContext): Promise<VNode | null> {
  if (!canCompanies(ctx.actor, "companies.read")) {
    return null;
  }
  const tasks = await myTasks(ctx);
  if (tasks.length === 0) {
    return null;
  }
  const { t, lang } = request;
  return (
    <section class="panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t("companies.my_tasks")}</h2>
      <ul>
        {tasks.slice(0, 10).map((task) => (
          <li>
            <a href={`/foretag/${task.company_id}`}>{task.company_name}</a>: {task.title}
            {task.due_on ? ` (${t("companies.task_due").toLowerCase()} ${formatDate(task.due_on, lang)})` : ""}
          </li>
        ))}
      </ul>
      <p>
        <a href="/uppgifter">{t("companies.my_tasks")}</a>
      </p>
    </section>
  );
}
