import type { Actor } from "../../platform/auth/roles.js";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Company } from "./repo.js";
import type { Task, VisitRow } from "./visit-repo.js";

/**
 * The company page's timeline. This module contributes its visits and tasks; other
 * modules add theirs (the desk's cases, event registrations, surveys) by contributing a
 * source in their `LotsenModule` (`contributes.timelineSources`), so the register never
 * imports them.
 */
export interface TimelineEntry {
  at: Date;
  /** A message key naming the kind of entry (`companies.timeline_visit`). */
  kind: string;
  title: string;
  href: string | null;
}

export type TimelineSource = (tx: ScopedTx, company: Pick<Company, "id" | "org_number">) => Promise<TimelineEntry[]>;

/** A module's entries on the timeline, shown to those its own policy lets read them. */
export interface TimelineContribution {
  entries: TimelineSource;
  visible: (actor: Actor) => boolean;
}

declare module "../../platform/module.js" {
  interface Contributions {
    timelineSources: TimelineContribution;
  }
}

export async function timelineOf(
  tx: ScopedTx,
  actor: Actor,
  company: Company,
  own: { visits: VisitRow[]; tasks: Task[] },
  sources: readonly TimelineContribution[],
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [
    ...own.visits.map((visit) => ({
      at: visit.starts_at,
      kind: `companies.timeline_visit_${visit.status}`,
      title: visit.purpose || visit.company_name,
      href: `/besok/${visit.id}`,
    })),
    ...own.tasks.map((task) => ({
      at: task.done_at ?? task.created_at,
      kind: task.done_at ? "companies.timeline_task_done" : "companies.timeline_task",
      title: task.title,
      href: null,
    })),
  ];
  for (const { entries: source, visible } of sources) {
    if (visible(actor)) {
      entries.push(...(await source(tx, company)));
    }
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
