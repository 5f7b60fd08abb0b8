/** The installation's mail sender, from the settings. */
let sender = { from: "Lotsen <lotsen@localhost>", domain: "localhost" };

/** Set once at start from the settings (`MAIL_FROM`). */
export function configureSender(from: string): void {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  sender = { from, domain };
}

/** The installation's sender address and the domain its Message-IDs carry. */
export function defaultSender(): { from: string; domain: string } {
  return sender;
}
