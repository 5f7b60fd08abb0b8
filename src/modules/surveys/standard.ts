import type { Factor, Overall } from "./tables.js";

/**
 * The standard survey: Insikt's six service factors and its three overall questions, from
 * which NKI is computed, and one free text. The wording follows Insikt's published
 * questionnaire in substance; a municipality may add its own questions.
 */
export const standardQuestions: ReadonlyArray<{ kind: "factor" | "overall" | "text"; code: Factor | Overall | null; sv: string; en: string }> = [
  {
    kind: "factor",
    code: "information",
    sv: "Hur nöjd är du med kommunens information, till exempel på webbplatsen, i broschyrer och blanketter?",
    en: "How satisfied are you with the municipality's information, for example on its website, in leaflets and forms?",
  },
  {
    kind: "factor",
    code: "tillganglighet",
    sv: "Hur nöjd är du med möjligheten att komma i kontakt med rätt handläggare?",
    en: "How satisfied are you with how easy it was to reach the right officer?",
  },
  { kind: "factor", code: "bemotande", sv: "Hur nöjd är du med det bemötande du fick?", en: "How satisfied are you with how you were treated?" },
  { kind: "factor", code: "kompetens", sv: "Hur nöjd är du med handläggarnas kompetens?", en: "How satisfied are you with the officers' competence?" },
  {
    kind: "factor",
    code: "rattssakerhet",
    sv: "Hur nöjd är du med rättssäkerheten i handläggningen, till exempel likabehandling och att lagar och regler följdes?",
    en: "How satisfied are you with the legal certainty of the handling, for example equal treatment and rules followed?",
  },
  {
    kind: "factor",
    code: "effektivitet",
    sv: "Hur nöjd är du med hur effektivt ärendet handlades, till exempel tiden det tog?",
    en: "How satisfied are you with how efficiently your case was handled, for example the time it took?",
  },
  {
    kind: "overall",
    code: "satisfaction",
    sv: "Hur nöjd är du sammantaget med kommunens service i ditt ärende?",
    en: "Overall, how satisfied are you with the municipality's service in your case?",
  },
  {
    kind: "overall",
    code: "expectations",
    sv: "Hur väl motsvarade servicen dina förväntningar?",
    en: "How well did the service meet your expectations?",
  },
  {
    kind: "overall",
    code: "ideal",
    sv: "Tänk dig en perfekt service. Hur nära ett sådant ideal kom kommunens service?",
    en: "Imagine perfect service. How close to that ideal did the municipality's service come?",
  },
  { kind: "text", code: null, sv: "Vad kunde kommunen ha gjort bättre?", en: "What could the municipality have done better?" },
];

/**
 * The yearly business-climate survey to the municipality's own companies: a summary grade of
 * the climate (the figure its indicator follows, as Svenskt Näringsliv's ranking asks it),
 * the parts of it a municipality can act on, and one free text. Its own questions are added
 * as to any survey.
 */
export const climateQuestions: ReadonlyArray<{ kind: "climate" | "scale" | "text"; code: "climate" | null; sv: string; en: string }> = [
  {
    kind: "climate",
    code: "climate",
    sv: "Vilket sammanfattande omdöme ger du företagsklimatet i kommunen?",
    en: "Overall, how would you rate the business climate in the municipality?",
  },
  {
    kind: "scale",
    code: null,
    sv: "Hur nöjd är du med kommunens service till företagen?",
    en: "How satisfied are you with the municipality's service to businesses?",
  },
  {
    kind: "scale",
    code: null,
    sv: "Hur nöjd är du med kommunens information till företagen?",
    en: "How satisfied are you with the municipality's information to businesses?",
  },
  {
    kind: "scale",
    code: null,
    sv: "Hur nöjd är du med dialogen mellan kommunens beslutsfattare och företagen?",
    en: "How satisfied are you with the dialogue between the municipality's decision-makers and businesses?",
  },
  {
    kind: "scale",
    code: null,
    sv: "Hur nöjd är du med tillgången till arbetskraft med rätt kompetens?",
    en: "How satisfied are you with access to staff with the right skills?",
  },
  {
    kind: "scale",
    code: null,
    sv: "Hur nöjd är du med vägar, kollektivtrafik och andra kommunikationer?",
    en: "How satisfied are you with roads, public transport and other connections?",
  },
  {
    kind: "text",
    code: null,
    sv: "Vad borde kommunen göra för att förbättra företagsklimatet?",
    en: "What should the municipality do to improve the business climate?",
  },
];
