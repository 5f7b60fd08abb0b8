/** A region's own page for the installation's administrator: its host and its accounts. */
export const regionsSv = {
  "regions.title": "Regioner",
  "regions.intro":
    "En region har en egen adress där regionens egna konton loggar in. Ett regionkonto ser medlemskommunernas siffror sida vid sida, aldrig ett ärende, ett företag eller en person.",
  "regions.members": "Medlemmar",
  "regions.members_in_use": "{inUse} av {total} i bruk",
  "regions.hosts": "Regionens värdnamn",
  "regions.hosts_hint": "Adresserna där regionens konton loggar in, åtskilda med mellanslag. Ingen kommun får ha samma.",
  "regions.contact": "Kontaktadress för regionens sidor",
  "regions.contact_hint": "Står i tillgänglighetsredogörelsen på regionens adress, för den som inte kan använda sidorna.",
  "regions.a11y_intro":
    "{region} använder Lotsen för att visa medlemskommunernas siffror sida vid sida för regionens konton. Redogörelsen gäller sidorna på den här adressen: inloggningen, lösenordet och regionens siffror.",
  "regions.a11y_non_compliant":
    "Sidorna har provats med axe-core i Chromium, med tangentbord och utan JavaScript, men inte granskats av en fristående granskare. Tabellen med regionens siffror har en kolumn per medlemskommun och rullas i sidled inom sin ram på smala skärmar.",
  "regions.a11y_assessment": "Egen granskning: axe-core i Chromium på varje sida, provning med tangentbord och utan JavaScript, vid varje ändring av Lotsen.",
  "regions.accounts": "Regionens konton",
  "regions.no_accounts": "Inga konton än.",
  "regions.add_account": "Lägg till ett konto",
  "regions.add_button": "Lägg till kontot",
  "regions.temporary_password":
    "{name} har fått det tillfälliga lösenordet {password}. Det visas bara nu; kontot väljer ett eget vid första inloggningen på regionens adress.",
  "regions.status": "Status",
  "regions.active": "Aktivt",
  "regions.inactive": "Avstängt",
  "regions.deactivate": "Stäng av {name}",
  "regions.activate": "Aktivera {name}",
  "regions.extract": "Utdrag om {name} (JSON)",
  "regions.erase": "Radera {name}",
  "regions.erase_confirm_title": "Radera kontot {name}?",
  "regions.erase_confirm_text":
    "Kontot och dess inloggningar tas bort, och namnet och adressen tas bort ur regionens logg. Händelserna finns kvar utan namn. Det går inte att ångra.",
  "regions.log": "Senaste händelserna",
  "regions.no_events": "Inga händelser än.",
  "regions.when": "När",
  "regions.who": "Vem",
  "regions.what": "Vad",
} as const;
