/**
 * A person's data in service measurement. Who was asked is kept only while reminders need
 * it (`invitation-service.ts`), so an extract shows the invitations still linked to an
 * address and their answers; erasure unlinks them at once, stops them and removes the
 * person's free texts, and the outbox forgets the mails.
 */
import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, scopeOf, type ScopedTx } from "../../platform/db/database.js";
import type { Actor } from "../../platform/auth/roles.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { redactMail } from "../../platform/mail/repo.js";
import * as repo from "./invitation-repo.js";
import { authorizeSurvey } from "./policy.js";

export interface PersonExtract {
  email: string;
  made_at: string;
  lawful_basis: string;
  invitations: Array<
    Awaited<ReturnType<typeof repo.invitationsOfEmail>>[number] & {
      answers: Array<{ question: string; value: number | null; scale_max: number | null; text: string | null }>;
    }
  >;
}

/** The personal-data page itself is for those who may make extracts and erase. */
export function assertPeople(ctx: OperationContext): void {
  authorizeSurvey(ctx.actor, "surveys.people");
}

export async function personExtract(ctx: OperationContext, email: string): Promise<PersonExtract> {
  authorizeSurvey(ctx.actor, "surveys.people");
  const address = email.trim().toLowerCase();
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const extract = await extractIn(tx, address);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "extract", recordType: "survey_person", recordId: null, changes: { invitations: extract.invitations.length } },
      ctx.requestId,
    );
    return extract;
  });
}

/** The extract itself, in the caller's transaction (the data-protection page makes one of every module's). */
export async function extractIn(tx: ScopedTx, address: string): Promise<PersonExtract> {
  const invitations = await repo.invitationsOfEmail(tx, address);
  const answers = await repo.answersWithQuestions(
    tx,
    invitations.map((row) => row.id),
  );
  return {
    email: address,
    made_at: new Date().toISOString(),
    // Following up the municipality's service is a task in the public interest (GDPR art. 6.1 e).
    lawful_basis: "public_task",
    invitations: invitations.map((row) => ({
      ...row,
      answers: answers.filter((answer) => answer.invitation_id === row.id).map(({ invitation_id: _id, ...answer }) => answer),
    })),
  };
}

export async function erasePerson(ctx: OperationContext, email: string, now = new Date()): Promise<number> {
  authorizeSurvey(ctx.actor, "surveys.people");
  return inScope(ctx.db, ctx.scope, (tx) => eraseIn(tx, ctx.actor, email.trim().toLowerCase(), ctx.requestId, now));
}

/** The erasure itself, in the caller's transaction; answers how many invitations were unlinked. */
export async function eraseIn(tx: ScopedTx, actor: Actor, address: string, requestId: string | undefined, now = new Date()): Promise<number> {
  const ids = (await repo.invitationsOfEmail(tx, address)).map((row) => row.id);
  const mailIds: string[] = [];
  for (const id of ids) {
    await redactAuditValues(tx, "survey_invitation", id);
    mailIds.push(...(await redactMail(tx, id)));
  }
  await repo.eraseInvitations(tx, ids, now);
  if (mailIds.length > 0) {
    await enqueue(tx, { queue: "mail.remove-files", municipalityId: scopeOf(tx).municipalityId, payload: { ids: mailIds } });
  }
  await recordAudit(tx, actor, { action: "erase", recordType: "survey_person", recordId: null, changes: { invitations: ids.length } }, requestId);
  return ids.length;
}
