import type { Db, Scope } from "../../platform/db/database.js";
import type { MessageKey } from "../../platform/ui/i18n.js";

/**
 * Figures other modules compute that a programme indicator can take its yearly values
 * from instead of hand entry (the desk's share of questions answered within target). A
 * module registers its sources through the programme's `index.ts`; the programme never
 * imports it.
 */
export interface IndicatorSource {
  key: string;
  label: MessageKey;
  /** The value for a municipality-year, or null when there is nothing to measure yet. */
  value: (db: Db, scope: Scope, year: number) => Promise<number | null>;
}

const sources = new Map<string, IndicatorSource>();

export function addIndicatorSource(source: IndicatorSource): void {
  sources.set(source.key, source);
}

export function indicatorSource(key: string | null): IndicatorSource | undefined {
  return key ? sources.get(key) : undefined;
}

export function listIndicatorSources(): IndicatorSource[] {
  return [...sources.values()];
}
