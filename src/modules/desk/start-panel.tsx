import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { OperationContext } from "../../platform/context.js";
import { formatDateTime } from "../../platform/ui/format.js";
import { startPanelCases, type InboxRow } from "./inbox-service.js";
import { canDesk } from "./policy.js";
import { SlaBadge } from "./views/parts.js";

/**
 * On a case officer's start page: their active cases by next deadline, and the cases of
 * their units that nobody has taken yet, when there are any.
 */
export async function myCasesPanel(request: FastifyRequest, ctx: OperationContext): Promise<VNode | null> {
  if (ctx.actor.kind !== "user" || !canDesk(ctx.actor, "desk.read")) {
    return null;
  }
  const { mine, unassigned } = await startPanelCases(ctx);
  if (mine.total === 0 && unassigned.total === 0) {
    return null;
  }
  return (
    <>
      {mine.total > 0 ? (
        <CaseList
          request={request}
          id="my-cases"
          title={request.t("desk.my_cases")}
          cases={mine}
          more={request.t("desk.my_cases_all", { count: mine.total })}
          href="/arenden?assignee=me"
        />
      ) : null}
      {unassigned.total > 0 ? (
        <CaseList
          request={request}
          id="unassigned-cases"
          title={request.t("desk.unassigned_cases")}
          cases={unassigned}
          more={request.t("desk.unassigned_cases_all", { count: unassigned.total })}
          href={ctx.actor.unitIds.length === 1 ? `/arenden?assignee=none&unit=${ctx.actor.unitIds[0]}` : "/arenden?assignee=none"}
        />
      ) : null}
    </>
  );
}

function CaseList({
  request,
  id,
  title,
  cases,
  more,
  href,
}: {
  request: FastifyRequest;
  id: string;
  title: string;
  cases: { rows: InboxRow[] };
  more: string;
  href: string;
}) {
  const { t, lang } = request;
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul>
        {cases.rows.slice(0, 10).map((row) => (
          <li>
            <a href={`/arenden/${row.id}`}>{row.number}</a> {row.subject}
            {row.next_due_at ? ` · ${formatDateTime(row.next_due_at, lang)} ` : " "}
            <SlaBadge state={row.sla} minutesLeft={row.minutesLeft} t={t} />
          </li>
        ))}
      </ul>
      <p>
        <a href={href}>{more}</a>
      </p>
    </section>
  );
}
