import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import { formatDate } from "../../platform/ui/format.js";
import { myFollowUps } from "./decision-service.js";

/** On a staff member's start page: the council's decisions they are to follow up, whatever their role. */
export async function councilStartPanel(request: FastifyRequest, services: AppServices): Promise<VNode | null> {
  const followUps = await myFollowUps(operationContext(request, services));
  if (followUps.length === 0) {
    return null;
  }
  const { t, lang } = request;
  return (
    <section class="panel" aria-labelledby="council-follow-ups-title">
      <h2 id="council-follow-ups-title">{t("council.follow_ups_mine")}</h2>
      <ul>
        {followUps.map((row) => (
          <li>
            <a href={`/radet/beslut/${row.decision_id}`}>{row.text}</a> ({t("council.follow_up_due", { date: formatDate(row.due_on, lang) })})
          </li>
        ))}
      </ul>
    </section>
  );
}
