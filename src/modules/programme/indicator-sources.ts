import type { Db, Scope } from "../../platform/db/database.js";
import type { MessageKey } from "../../platform/ui/i18n.js";
import type { ContributionLists } from "../../platform/module.js";

/**
 * Figures other modules compute that a programme indicator can take its yearly values
 * from instead of hand entry (the desk's share of questions answered within target). A
 * module contributes its sources in its `LotsenModule` (`contributes.indicatorSources`);
 * the built app gathers them, and the programme never imports that module.
 */
export interface IndicatorSource {
  key: string;
  label: MessageKey;
  /**
   * How the figures of several municipalities make a region's: a count is summed, a rate, share,
   * median or index is the mean of the members that report it (as Kolada's groups compute them).
   */
  aggregate: "sum" | "mean";
  /** The value for a municipality-year, or null when there is nothing to measure yet. */
  value: (db: Db, scope: Scope, year: number) => Promise<number | null>;
}

declare module "../../platform/module.js" {
  interface Contributions {
    indicatorSources: IndicatorSource;
  }
}

/** The app's indicator sources, from the operation's context (none outside an app). */
export function indicatorSourcesOf(context: { contributions?: ContributionLists | undefined }): readonly IndicatorSource[] {
  return context.contributions?.indicatorSources ?? [];
}

export function indicatorSource(sources: readonly IndicatorSource[], key: string | null): IndicatorSource | undefined {
  return key ? sources.find((source) => source.key === key) : undefined;
}
