/** The region's interface strings in Swedish: the catalogue English is typed against. */
export const sv = {
  "region.nav": "Regionen",
  "region.title": "Regionen i siffror",
  "region.intro":
    "Medlemskommunernas siffror sida vid sida, och regionens. En regionsiffra är summan för antal och medelvärdet av de kommuner som rapporterar för andelar, medianer och index, som Koladas kommungrupper räknar. Inga ärenden, personer eller svar visas, bara siffror.",
  "region.none": "Kommunen hör inte till någon region i Lotsen.",
  "region.signed_in_as": "Inloggad som {name}, konto i regionen.",
  "region.year": "År",
  "region.show": "Visa",
  "region.figure": "Siffra",
  "region.region": "Regionen",
  "region.reporting": "Rapporterar",
  "region.reporting_of": "{reporting} av {total}",
  "region.table": "{region} {year}",
  "region.none_year": "Inga siffror för året ännu.",
  "region.computed": "Siffrorna räknades fram {when}; de räknas om varje natt.",
  "region.sum": "summa",
  "region.mean": "medelvärde",
  "region.programme_indicators": "Programmens indikatorer med samma namn",
  "region.audit.record.region_figures": "kommunens siffror till regionen",
  "region.audit.action.figures.computed": "räknade fram {record}",
} as const;
