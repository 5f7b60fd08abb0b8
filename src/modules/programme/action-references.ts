import type { Actor } from "../../platform/auth/roles.js";
import type { ScopedTx } from "../../platform/db/database.js";
import type { ContributionLists } from "../../platform/module.js";
import type { MessageKey } from "../../platform/ui/i18n.js";

/** A record of another module that stands behind an action (a council decision), as a line on the action's page. */
export interface ActionReferenceEntry {
  href: string;
  text: string;
  date: Date | string;
}

/**
 * What other modules hold about an action: the business council's decisions behind it. A
 * module contributes a source in its `LotsenModule` (`contributes.actionReferences`); the
 * action's page shows each source's entries under its heading, to those the source lets see them.
 */
export interface ActionReferenceSource {
  heading: MessageKey;
  visible: (actor: Actor) => boolean;
  list: (tx: ScopedTx, actionId: string) => Promise<ActionReferenceEntry[]>;
}

declare module "../../platform/module.js" {
  interface Contributions {
    actionReferences: ActionReferenceSource;
  }
}

export interface ActionReferences {
  heading: MessageKey;
  entries: ActionReferenceEntry[];
}

/** The entries of every source the actor may see, read in the caller's transaction. */
export async function actionReferencesIn(
  tx: ScopedTx,
  context: { actor: Actor; contributions?: ContributionLists | undefined },
  actionId: string,
): Promise<ActionReferences[]> {
  const sources = (context.contributions?.actionReferences ?? []).filter((source) => source.visible(context.actor));
  const lists: ActionReferences[] = [];
  for (const source of sources) {
    lists.push({ heading: source.heading, entries: await source.list(tx, actionId) });
  }
  return lists;
}
