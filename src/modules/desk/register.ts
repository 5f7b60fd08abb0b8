/**
 * The register of incoming cases as the records system (diarium) takes it: one entry per
 * case and export, the subject with its secret-marked words withheld, as CSV and as the JSON
 * described in `docs/diarium.md`.
 */
import { stockholmParts } from "../../platform/sweden/time.js";
import type { Translate } from "../../platform/ui/i18n.js";
import type { RegisterRow } from "./register-repo.js";

/** What stands in the register where a secret-marked word stood. */
export const withheldMark = "[sekretess]";

/** The subject with every secret-marked word or phrase withheld, wherever and however it is written. */
export function withheld(subject: string, phrases: readonly string[]): string {
  return phrases
    .filter((phrase) => phrase.trim() !== "")
    .sort((a, b) => b.length - a.length)
    .reduce((text, phrase) => text.replace(new RegExp(phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu"), withheldMark), subject);
}

export interface RegisterEntry {
  number: string;
  received_at: string;
  sender: string;
  org_number: string | null;
  subject: string;
  unit: string;
  closed_on: string | null;
  decision: string | null;
  decided_on: string | null;
}

/** A register row as it leaves Lotsen: a business by its name (a person's name only when no business is given). */
export function registerEntry(row: RegisterRow, t: Translate): RegisterEntry {
  return {
    number: row.number,
    received_at: row.created_at.toISOString(),
    sender: row.company_name ?? row.correspondent_name,
    org_number: row.org_number,
    subject: withheld(row.subject, row.subject_secret),
    unit: row.unit,
    closed_on: row.closed_at ? stockholmParts(row.closed_at).date : null,
    decision: row.closed_at ? t(`desk.status.${row.status as "closed"}`) : null,
    decided_on: row.decided_on,
  };
}

export const registerColumns = ["event", "number", "received_at", "sender", "org_number", "subject", "unit", "closed_on", "decision", "decided_on"] as const;

/** An export's CSV rows: a registration and a closing each a row of its own, so the records system can take them in turn. */
export function registerCsvRows(rows: ReadonlyArray<RegisterRow & { registers: boolean; closes: boolean }>, t: Translate): string[][] {
  const header = registerColumns.map((column) => t(`desk.diarium_col.${column}`));
  const lines: string[][] = [header];
  for (const row of rows) {
    const entry = registerEntry(row, t);
    for (const event of [row.registers ? "registered" : null, row.closes ? "closed" : null]) {
      if (event) {
        lines.push([
          t(`desk.diarium_event.${event as "registered"}`),
          entry.number,
          entry.received_at,
          entry.sender,
          entry.org_number ?? "",
          entry.subject,
          entry.unit,
          entry.closed_on ?? "",
          entry.decision ?? "",
          entry.decided_on ?? "",
        ]);
      }
    }
  }
  return lines;
}
