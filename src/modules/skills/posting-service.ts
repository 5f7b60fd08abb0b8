/**
 * A business posts an opening without an account: the public form (behind the platform's
 * bot guard and a rate limit) stores it unverified and mails a link to the contact address;
 * following the link (a button on its page, so a mail scanner that fetches links verifies
 * nothing) puts it before staff for review. Staff publish it as any other.
 */
import { diff, recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { hashLinkToken, linkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { queueMail } from "../../platform/mail/repo.js";
import * as repo from "./opening-repo.js";
import type { OpeningInput } from "./schemas.js";
import { valuesOf } from "./opening-service.js";

export const businessActor = systemActor("Annonsformuläret (webbformulär)");

/** A posting's link lasts a week. */
const linkDays = 7;
const linkSince = (now = new Date()) => new Date(now.getTime() - linkDays * 86_400_000);

export interface PostingLinks {
  base: string;
  municipality: string;
  secret: string;
}

function verifyMail(lang: "sv" | "en", title: string, link: string, municipality: string): { subject: string; text: string } {
  return lang === "sv"
    ? {
        subject: `Bekräfta annonsen ”${title}”`,
        text: `Hej!\n\nNågon har lämnat annonsen ”${title}” till ${municipality} med den här adressen som kontakt. Bekräfta att den kommer från er genom att öppna länken och trycka på knappen:\n\n${link}\n\nLänken gäller i ${linkDays} dagar. Sedan granskar kommunen annonsen innan den publiceras. Har ni inte lämnat någon annons kan ni bortse från det här brevet.\n\n${municipality}`,
      }
    : {
        subject: `Confirm the opening “${title}”`,
        text: `Hello,\n\nSomeone has posted the opening “${title}” to ${municipality} with this address as its contact. Confirm that it comes from you by opening the link and pressing the button:\n\n${link}\n\nThe link is valid for ${linkDays} days. The municipality then reviews the opening before it is published. If you posted nothing, you can ignore this letter.\n\n${municipality}`,
      };
}

export async function postOpening(
  db: Db,
  scope: Scope,
  input: OpeningInput,
  lang: "sv" | "en",
  links: PostingLinks,
  requestId: string | undefined,
): Promise<{ id: string; token: string }> {
  if (!input.contact_email) {
    throw new ValidationError([{ path: "contact_email", message: "required" }]);
  }
  if (!input.org_number) {
    throw new ValidationError([{ path: "org_number", message: "required" }]);
  }
  const values = valuesOf(input);
  return inScope(db, scope, async (tx) => {
    const id = newId();
    const token = linkToken(links.secret, "skills-posting", id, newLinkSalt());
    await repo.insertOpening(tx, {
      id,
      municipality_id: scope.municipalityId,
      status: "unverified",
      source: "business",
      token_hash: hashLinkToken(token),
      ...values,
    });
    await queueMail(tx, {
      municipalityId: scope.municipalityId,
      purpose: "skills.posting_verify",
      subjectRef: id,
      to: input.contact_email!,
      priority: 0,
      ...verifyMail(lang, input.title, `${links.base}/jobb/bekrafta/${token}`, links.municipality),
    });
    await recordAudit(tx, businessActor, { action: "create", recordType: "skills_opening", recordId: id, changes: diff(undefined, values) }, requestId);
    return { id, token };
  });
}

/** The posting a verification link names, while it waits; anything else is a 404. */
export async function postingByToken(db: Db, scope: Scope, token: string): Promise<repo.Opening> {
  const found = looksLikeLinkToken(token) ? await inScope(db, scope, (tx) => repo.findUnverifiedByTokenHash(tx, hashLinkToken(token), linkSince())) : undefined;
  if (!found) {
    throw new NotFoundError();
  }
  return found;
}

export async function verifyPosting(db: Db, scope: Scope, token: string, requestId: string | undefined): Promise<repo.Opening> {
  return inScope(db, scope, async (tx) => {
    const verified = looksLikeLinkToken(token) ? await repo.verifyByTokenHash(tx, hashLinkToken(token), linkSince()) : undefined;
    if (!verified) {
      throw new NotFoundError();
    }
    await recordAudit(
      tx,
      businessActor,
      { action: "verified", recordType: "skills_opening", recordId: verified.id, changes: { status: { from: "unverified", to: "review" } } },
      requestId,
    );
    return verified;
  });
}
