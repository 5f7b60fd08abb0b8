/**
 * The report a municipality starts from each year, until it edits its template: the
 * sections of a council's follow-up, in the order the council reads them.
 */
import type { TemplateKind } from "./tables.js";

export interface TemplateEntry {
  kind: TemplateKind;
  title: string;
  /** For figures: the module whose indicator sources the section shows. */
  source: string | null;
  guidance: string;
}

export const defaultTemplate: readonly TemplateEntry[] = [
  { kind: "text", title: "Inledning", source: null, guidance: "Året i korthet: vad programmet ville, vad som hände och vad som återstår." },
  {
    kind: "focus_areas",
    title: "Fokusområden",
    source: null,
    guidance: "Vad åtgärderna i fokusområdet uppnådde under året, och hur indikatorerna utvecklades.",
  },
  { kind: "statistics", title: "Officiell statistik", source: null, guidance: "Hur kommunen står sig mot jämförelsegruppen i Kolada." },
  { kind: "figures", title: "Väntetider i företagslotsen", source: "desk", guidance: "Hur snabbt företagen fick svar, mätt i företagslotsen." },
  { kind: "figures", title: "Nöjd kund-index", source: "surveys", guidance: "Vad företagen tyckte om servicen, mätt som Insikt mäter." },
  { kind: "figures", title: "Kompetensförsörjning", source: "skills", guidance: "Matchningar och placeringar under året." },
  { kind: "text", title: "Avslutning", source: null, guidance: "Slutsatser och vad som föreslås för nästa år." },
];
