/**
 * The survey's mails, in the language of the case. Each carries the private answer link
 * and a way to say no; a reminder says which one it is, so nobody wonders why it came again.
 */
type Lang = "sv" | "en";

export interface InvitationFacts {
  municipality: string;
  survey: string;
  caseNumber: string | null;
  answerUrl: string;
  expiresOn: string;
}

const body: Record<Lang, (facts: InvitationFacts) => string> = {
  sv: (facts) =>
    [
      `${facts.municipality} vill veta hur du upplevde kommunens service${facts.caseNumber ? ` i ärende ${facts.caseNumber}` : ""}.`,
      "Enkäten tar ungefär tre minuter. Dina svar redovisas bara sammanräknade, aldrig så att de kan knytas till dig eller ditt företag.",
      `Svara här (länken gäller till och med ${facts.expiresOn}):\n${facts.answerUrl}`,
      "Vill du inte svara kan du tacka nej på samma sida, så får du inga påminnelser.",
      "Länken är personlig: dela den inte.",
      facts.municipality,
    ].join("\n\n"),
  en: (facts) =>
    [
      `${facts.municipality} would like to know how you found the municipality's service${facts.caseNumber ? ` in case ${facts.caseNumber}` : ""}.`,
      "The survey takes about three minutes. Your answers are only reported added up, never so that they can be linked to you or your business.",
      `Answer here (the link works until ${facts.expiresOn}):\n${facts.answerUrl}`,
      "If you would rather not answer, you can decline on the same page and you will get no reminders.",
      "The link is personal: do not share it.",
      facts.municipality,
    ].join("\n\n"),
};

export function invitationMail(lang: Lang, facts: InvitationFacts): { subject: string; text: string } {
  return {
    subject: lang === "sv" ? `Hur nöjd är du med ${facts.municipality}s service?` : `How satisfied are you with ${facts.municipality}'s service?`,
    text: body[lang](facts),
  };
}

export function reminderMail(lang: Lang, facts: InvitationFacts, reminder: number): { subject: string; text: string } {
  return lang === "sv"
    ? { subject: `Påminnelse ${reminder}: hur nöjd är du med ${facts.municipality}s service?`, text: `Vi har inte fått ditt svar ännu.\n\n${body.sv(facts)}` }
    : {
        subject: `Reminder ${reminder}: how satisfied are you with ${facts.municipality}'s service?`,
        text: `We have not received your answer yet.\n\n${body.en(facts)}`,
      };
}
