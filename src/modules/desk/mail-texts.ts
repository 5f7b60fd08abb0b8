import type { Channel } from "./tables.js";
/**
 * The desk's mails as plain text, in the language the business wrote in (staff mails in
 * Swedish). A mail never carries a secret-marked message's words beyond the reply itself.
 */
type Lang = "sv" | "en";

export interface CaseMailFacts {
  number: string;
  subject: string;
  municipality: string;
  statusUrl: string;
}

const footer: Record<Lang, (facts: CaseMailFacts) => string> = {
  sv: (facts) =>
    `Följ ärendet, svara och lägg till filer på din privata statussida:\n${facts.statusUrl}\n\nLänken är personlig: dela den inte.\n\n${facts.municipality}`,
  en: (facts) =>
    `Follow the case, reply and add files on your private status page:\n${facts.statusUrl}\n\nThe link is personal: do not share it.\n\n${facts.municipality}`,
};

export function receiptMail(lang: Lang, facts: CaseMailFacts, name: string): { subject: string; text: string } {
  return lang === "sv"
    ? {
        subject: `Vi har tagit emot ditt ärende ${facts.number}`,
        text: `Hej ${name}!\n\nTack för din fråga till ${facts.municipality}. Den har fått ärendenummer ${facts.number}: "${facts.subject}".\nVi återkommer så snart vi kan.\n\n${footer.sv(facts)}`,
      }
    : {
        subject: `We have received your case ${facts.number}`,
        text: `Hello ${name},\n\nThank you for your question to ${facts.municipality}. It has case number ${facts.number}: "${facts.subject}".\nWe will get back to you as soon as we can.\n\n${footer.en(facts)}`,
      };
}

export function replyMail(lang: Lang, facts: CaseMailFacts, body: string, officer: string): { subject: string; text: string } {
  return lang === "sv"
    ? { subject: `Svar i ärende ${facts.number}: ${facts.subject}`, text: `${body}\n\n${officer}\n\n— \n${footer.sv(facts)}` }
    : { subject: `Reply in case ${facts.number}: ${facts.subject}`, text: `${body}\n\n${officer}\n\n— \n${footer.en(facts)}` };
}

export function delayNoticeMail(lang: Lang, facts: CaseMailFacts, reason: string): { subject: string; text: string } {
  return lang === "sv"
    ? {
        subject: `Ärende ${facts.number} blir försenat`,
        text: `Beslutet i ärende ${facts.number} ("${facts.subject}") kommer att dröja väsentligt längre än normalt.\n\nSkäl: ${reason}\n\n(Underrättelse enligt 11 § förvaltningslagen.)\n\n${footer.sv(facts)}`,
      }
    : {
        subject: `Case ${facts.number} will be delayed`,
        text: `The decision in case ${facts.number} ("${facts.subject}") will take significantly longer than usual.\n\nReason: ${reason}\n\n(Notice under section 11 of the Swedish Administrative Procedure Act.)\n\n${footer.en(facts)}`,
      };
}

export function warningMail(facts: { number: string; subject: string; dueAt: string; url: string }): { subject: string; text: string } {
  return {
    subject: `Ärende ${facts.number} närmar sig sin tidsgräns`,
    text: `Ärende ${facts.number} ("${facts.subject}") ska besvaras senast ${facts.dueAt}.\n\n${facts.url}`,
  };
}

export function escalationMail(facts: { number: string; subject: string; dueAt: string; unit: string; assignee: string | null; url: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Ärende ${facts.number} har passerat sin tidsgräns`,
    text: `Ärende ${facts.number} ("${facts.subject}") hos ${facts.unit} skulle ha besvarats senast ${facts.dueAt}.\nHandläggare: ${facts.assignee ?? "ingen tilldelad"}.\n\n${facts.url}`,
  };
}

export function digestMail(facts: {
  unit: string;
  date: string;
  open: number;
  breached: number;
  warning: number;
  dueToday: number;
  unassigned: number;
  url: string;
}): { subject: string; text: string } {
  return {
    subject: `Företagslotsen ${facts.date}: ${facts.unit}`,
    text: [
      `Läget för ${facts.unit} ${facts.date}:`,
      "",
      `Pågående ärenden: ${facts.open}`,
      `Över tidsgränsen: ${facts.breached}`,
      `Nära tidsgränsen: ${facts.warning}`,
      `Ska besvaras i dag: ${facts.dueToday}`,
      `Utan handläggare: ${facts.unassigned}`,
      "",
      facts.url,
    ].join("\n"),
  };
}

/** Staff mails end with where to turn them off: each officer chooses what they hear of. */
const staffFooter = (base: string) =>
  `\n\n--\nDu får det här mejlet eftersom du arbetar med företagslotsens ärenden. Välj vilka mejl du vill få: ${base}/arenden/aviseringar`;

const channelWords: Record<Channel, string> = { web: "webbformuläret", phone: "telefon", visit: "besök", mail: "e-post eller brev", counter: "kontaktcenter" };

export function newCaseMail(facts: { number: string; subject: string; unit: string; channel: Channel; base: string; caseId: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Nytt ärende ${facts.number} till ${facts.unit}: ${facts.subject}`,
    text: `Ett nytt ärende har kommit till ${facts.unit} (${channelWords[facts.channel]}).\n\n${facts.number} ${facts.subject}\n${facts.base}/arenden/${facts.caseId}${staffFooter(facts.base)}`,
  };
}

export function businessReplyMail(facts: { number: string; subject: string; base: string; caseId: string }): { subject: string; text: string } {
  return {
    subject: `Företaget har svarat i ärende ${facts.number}`,
    text: `Företaget har svarat i ärende ${facts.number} ("${facts.subject}").\n\n${facts.base}/arenden/${facts.caseId}${staffFooter(facts.base)}`,
  };
}
