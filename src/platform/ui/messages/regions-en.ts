import type { regionsSv } from "./regions-sv.js";

/** A region's own page for the installation's administrator: its host and its accounts. */
export const regionsEn: Record<keyof typeof regionsSv, string> = {
  "regions.title": "Regions",
  "regions.intro":
    "A region has an address of its own where the region's own accounts sign in. A regional account sees the member municipalities' figures side by side, never a case, a company or a person.",
  "regions.members": "Members",
  "regions.members_in_use": "{inUse} of {total} in use",
  "regions.hosts": "The region's host names",
  "regions.hosts_hint": "The addresses where the region's accounts sign in, separated by spaces. No municipality may have the same.",
  "regions.contact": "Contact address for the region's pages",
  "regions.contact_hint": "Given in the accessibility statement on the region's address, for anyone who cannot use the pages.",
  "regions.a11y_intro":
    "{region} uses Lotsen to show its member municipalities' figures side by side to the region's accounts. This statement covers the pages at this address: the sign-in, the password and the region's figures.",
  "regions.a11y_non_compliant":
    "The pages have been tried with axe-core in Chromium, by keyboard and without JavaScript, but not reviewed by an independent reviewer. The table of the region's figures has a column per member municipality and scrolls sideways within its frame on narrow screens.",
  "regions.a11y_assessment": "Our own review: axe-core in Chromium on every page, trying by keyboard and without JavaScript, at every change of Lotsen.",
  "regions.accounts": "The region's accounts",
  "regions.no_accounts": "No accounts yet.",
  "regions.add_account": "Add an account",
  "regions.add_button": "Add the account",
  "regions.temporary_password":
    "{name} has the temporary password {password}. It is shown only now; the account chooses its own at its first sign-in on the region's address.",
  "regions.status": "Status",
  "regions.active": "Active",
  "regions.inactive": "Turned off",
  "regions.deactivate": "Turn off {name}",
  "regions.activate": "Turn on {name}",
  "regions.extract": "Extract about {name} (JSON)",
  "regions.erase": "Erase {name}",
  "regions.erase_confirm_title": "Erase the account {name}?",
  "regions.erase_confirm_text":
    "The account and its sign-ins are removed, and its name and address leave the region's log. The events stay without a name. This cannot be undone.",
  "regions.log": "Latest events",
  "regions.no_events": "No events yet.",
  "regions.when": "When",
  "regions.who": "Who",
  "regions.what": "What",
};
