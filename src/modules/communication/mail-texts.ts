import { escapeHtml as escape } from "../../platform/mail/sender.js";
import { renderMarkdown } from "./markdown.js";

type Lang = "sv" | "en";

/** A mail's HTML frame: the language, a readable width, the content and a footer. */
function htmlMail(lang: Lang, title: string, content: string, footer: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4"><div style="max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
${content}
<hr style="border:0;border-top:1px solid #cccccc;margin:32px 0 16px"><div style="font-size:14px;color:#444444">${footer}</div></div></body></html>`;
}

export interface NewsletterLinks {
  preferences: string;
  unsubscribe: string;
  archive: string | null;
}

/** A newsletter as HTML and plain text, with the links to change lists, leave, and read it on the web. */
export function newsletterMail(input: { subject: string; body: string; municipality: string; lang: Lang; links: NewsletterLinks; bodyHtml?: string }): {
  html: string;
  text: string;
} {
  const { lang, links } = input;
  const sv = lang === "sv";
  const why = sv
    ? `Du får det här brevet från ${input.municipality} som prenumerant eller som kontakt för ett företag i kommunens företagsregister.`
    : `You receive this letter from ${input.municipality} as a subscriber or as the contact of a company in the municipality's company register.`;
  const change = sv ? "Ändra vad du prenumererar på" : "Change what you subscribe to";
  const leave = sv ? "Avsluta prenumerationen" : "Unsubscribe";
  const web = sv ? "Läs brevet på webben" : "Read this letter on the web";
  const footer = [
    `<p style="margin:0 0 8px">${escape(why)}</p>`,
    `<p style="margin:0"><a href="${escape(links.preferences)}" style="color:#0b5394">${change}</a> · <a href="${escape(links.unsubscribe)}" style="color:#0b5394">${leave}</a>${links.archive ? ` · <a href="${escape(links.archive)}" style="color:#0b5394">${web}</a>` : ""}</p>`,
  ].join("");
  const html = htmlMail(
    lang,
    input.subject,
    `<h1 style="font-size:24px;margin:0 0 16px">${escape(input.subject)}</h1>\n${input.bodyHtml ?? renderMarkdown(input.body)}`,
    footer,
  );
  const text = [
    input.subject,
    "",
    input.body.trim(),
    "",
    "--",
    why,
    `${change}: ${links.preferences}`,
    `${leave}: ${links.unsubscribe}`,
    ...(links.archive ? [`${web}: ${links.archive}`] : []),
  ].join("\n");
  return { html, text };
}

/** The double opt-in: nothing is sent to the lists until this link is followed. */
export function confirmationMail(input: { municipality: string; lists: string[]; url: string; lang: Lang }): { subject: string; text: string; html: string } {
  const sv = input.lang === "sv";
  const subject = sv ? `Bekräfta din prenumeration hos ${input.municipality}` : `Confirm your subscription with ${input.municipality}`;
  const lines = sv
    ? [
        `Hej!`,
        ``,
        `Någon, förhoppningsvis du, har anmält den här adressen till: ${input.lists.join(", ")}.`,
        ``,
        `Bekräfta genom att öppna länken:`,
        input.url,
        ``,
        `Om det inte var du behöver du inte göra något: utan bekräftelse skickar vi inga utskick till adressen.`,
      ]
    : [
        `Hello,`,
        ``,
        `Someone, hopefully you, signed this address up for: ${input.lists.join(", ")}.`,
        ``,
        `Confirm by opening the link:`,
        input.url,
        ``,
        `If it was not you, do nothing: without confirmation we send nothing to this address.`,
      ];
  const html = htmlMail(
    input.lang,
    subject,
    lines
      .map((line) =>
        line === input.url
          ? `<p><a href="${escape(line)}">${sv ? "Bekräfta prenumerationen" : "Confirm the subscription"}</a></p>`
          : line === ""
            ? ""
            : `<p>${escape(line)}</p>`,
      )
      .join("\n"),
    escape(input.municipality),
  );
  return { subject, text: lines.join("\n"), html };
}

export interface EventMailFacts {
  title: string;
  when: string;
  where: string;
  municipality: string;
  cancelUrl: string;
  lang: Lang;
}

function eventLines(facts: EventMailFacts): string[] {
  const sv = facts.lang === "sv";
  return [
    sv ? `Tid: ${facts.when}` : `When: ${facts.when}`,
    sv ? `Plats: ${facts.where}` : `Where: ${facts.where}`,
    ``,
    sv
      ? `Kan du inte komma? Avboka här, så går platsen till någon på väntelistan:`
      : `Cannot come? Cancel here, and your place goes to someone on the waiting list:`,
    facts.cancelUrl,
  ];
}

function eventMail(facts: EventMailFacts, subject: string, opening: string[]): { subject: string; text: string; html: string } {
  const lines = [...opening, ``, ...eventLines(facts)];
  const html = htmlMail(
    facts.lang,
    subject,
    lines
      .map((line) =>
        line === facts.cancelUrl
          ? `<p><a href="${escape(line)}">${facts.lang === "sv" ? "Avboka" : "Cancel"}</a></p>`
          : line === ""
            ? ""
            : `<p>${escape(line)}</p>`,
      )
      .join("\n"),
    escape(facts.municipality),
  );
  return { subject, text: lines.join("\n"), html };
}

export function registeredMail(facts: EventMailFacts) {
  const sv = facts.lang === "sv";
  return eventMail(facts, sv ? `Du är anmäld: ${facts.title}` : `You are registered: ${facts.title}`, [
    sv
      ? `Välkommen till ${facts.title}! Din plats är bokad. Händelsen finns som kalenderfil i brevet.`
      : `Welcome to ${facts.title}! Your place is booked. The event is attached as a calendar file.`,
  ]);
}

/** To an address that registered again: its registration stands, and here is its link. */
export function alreadyRegisteredMail(facts: EventMailFacts) {
  const sv = facts.lang === "sv";
  return eventMail(facts, sv ? `Du är redan anmäld: ${facts.title}` : `You are already registered: ${facts.title}`, [
    sv
      ? `Någon anmälde den här adressen till ${facts.title} igen. Din anmälan gäller som förut; via länken nedan ser du den eller avbokar.`
      : `Someone registered this address for ${facts.title} again. Your registration stands as before; the link below shows it or cancels it.`,
  ]);
}

export function waitingMail(facts: EventMailFacts & { position: number }) {
  const sv = facts.lang === "sv";
  return eventMail(facts, sv ? `Du står på väntelistan: ${facts.title}` : `You are on the waiting list: ${facts.title}`, [
    sv
      ? `${facts.title} är fullbokat. Du står som nummer ${facts.position} på väntelistan och får ett mejl om en plats blir ledig.`
      : `${facts.title} is full. You are number ${facts.position} on the waiting list and will get a mail if a place becomes free.`,
  ]);
}

export function promotedMail(facts: EventMailFacts) {
  const sv = facts.lang === "sv";
  return eventMail(facts, sv ? `Du har fått en plats: ${facts.title}` : `You have a place: ${facts.title}`, [
    sv
      ? `En plats blev ledig och är nu din. Händelsen finns som kalenderfil i brevet.`
      : `A place became free and is now yours. The event is attached as a calendar file.`,
  ]);
}

export function reminderMail(facts: EventMailFacts) {
  const sv = facts.lang === "sv";
  return eventMail(facts, sv ? `Påminnelse: ${facts.title}` : `Reminder: ${facts.title}`, [
    sv ? `Välkommen till ${facts.title}, snart är det dags.` : `Welcome to ${facts.title}, it is soon time.`,
  ]);
}

export function eventCancelledMail(facts: Omit<EventMailFacts, "cancelUrl">) {
  const sv = facts.lang === "sv";
  const subject = sv ? `Inställt: ${facts.title}` : `Cancelled: ${facts.title}`;
  const lines = [sv ? `${facts.title} (${facts.when}) är tyvärr inställt.` : `${facts.title} (${facts.when}) is unfortunately cancelled.`];
  return {
    subject,
    text: lines.join("\n"),
    html: htmlMail(facts.lang, subject, lines.map((line) => `<p>${escape(line)}</p>`).join(""), escape(facts.municipality)),
  };
}
