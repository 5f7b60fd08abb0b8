import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { OperationContext } from "../../platform/context.js";
import { formatDateTime } from "../../platform/ui/format.js";
import { inbox } from "./inbox-service.js";
import { canDesk } from "./policy.js";
import { SlaBadge } from "./views/parts.js";

/** On a case officer's start page: their active cases by next deadline, when there are any. */
export async function myCasesPanel(request: FastifyRequest, ctx: OperationContext): Promise<VNode | null> {
  if (ctx.actor.kind !== "user" || !canDesk(ctx.actor, "desk.read")) {
    return null;
  }
  const mine = await inbox(ctx, { assignee: "me", page: 1 });
  if (mine.total === 0) {
    return null;
  }
  const { t, lang } = request;
  return (
    <section class="panel" aria-labelledby="my-cases-title">
      <h2 id="my-cases-title">{t("desk.my_cases")}</h2>
      <ul>
        {mine.rows.slice(0, 10).map((row) => (
          <li>
            <a href={`/arenden/${row.id}`}>{row.number}</a> {row.subject}
            {row.next_due_at ? ` · ${formatDateTime(row.next_due_at, lang)} ` : " "}
            <SlaBadge state={row.sla} minutesLeft={row.minutesLeft} t={t} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/arenden?assignee=me">{t("desk.my_cases_all", { count: mine.total })}</a>
      </p>
    </section>
  );
}
