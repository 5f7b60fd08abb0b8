/**
 * The council's members: a person, the organisation they speak for (a company of the
 * register or a business organisation), and their terms of office. A term that ends stays as
 * the member's history; a member who has sat in a meeting is never deleted, only erased.
 */
import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { swedishToday } from "../../platform/sweden/time.js";
import { findCompanyNameByNumber } from "../companies/index.js";
import * as repo from "./member-repo.js";
import { authorizeCouncil } from "./policy.js";
import type { MemberInput, TermInput } from "./schemas.js";

export type { Member, MemberOnDay, Term } from "./member-repo.js";

export { swedishToday };

export async function listMembers(ctx: OperationContext, now = new Date()): Promise<repo.MemberOnDay[]> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listMembers(tx, swedishToday(now)));
}

export async function loadMember(tx: ScopedTx, id: string): Promise<repo.Member> {
  const member = isId(id) ? await repo.findMember(tx, id) : undefined;
  if (!member) {
    throw new NotFoundError();
  }
  return member;
}

export async function getMember(ctx: OperationContext, id: string): Promise<repo.Member & { terms: repo.Term[] }> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => ({ ...(await loadMember(tx, id)), terms: await repo.listTerms(tx, id) }));
}

/** The member's organisation: the register's company when a number is given (its name unless one is typed), else the name typed. */
async function organisationOf(tx: ScopedTx, input: MemberInput): Promise<{ organisation: string; org_number: string | null; company_id: string | null }> {
  if (input.org_number) {
    const company = await findCompanyNameByNumber(tx, input.org_number);
    if (!company) {
      throw new ValidationError([{ path: "org_number", message: "council.unknown_company" }]);
    }
    return { organisation: input.organisation ?? company.name, org_number: input.org_number, company_id: company.id };
  }
  if (!input.organisation) {
    throw new ValidationError([{ path: "organisation", message: "required" }]);
  }
  return { organisation: input.organisation, org_number: null, company_id: null };
}

const memberFields = (input: MemberInput) => ({
  name: input.name,
  email: input.email,
  phone: input.phone,
  lawful_basis: input.lawful_basis,
  basis_source: input.basis_source ?? "",
});

/** A new member with their first term. */
export async function createMember(ctx: OperationContext, input: MemberInput & TermInput): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    const organisation = await organisationOf(tx, input);
    await repo.insertMember(tx, { id, municipality_id: ctx.scope.municipalityId, ...memberFields(input), ...organisation });
    await repo.insertTerm(tx, {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      member_id: id,
      role: input.role,
      starts_on: input.starts_on,
      ends_on: input.ends_on,
    });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "create", recordType: "council_member", recordId: id, changes: diff({}, { ...memberFields(input), ...organisation, role: input.role }) },
      ctx.requestId,
    );
    return id;
  });
}

export async function updateMember(ctx: OperationContext, id: string, input: MemberInput): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadMember(tx, id);
    const after = { ...memberFields(input), ...(await organisationOf(tx, input)) };
    await repo.updateMember(tx, id, after);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "council_member", recordId: id, changes: diff(before, after) }, ctx.requestId);
  });
}

/** Deletes a member entered by mistake; one who has sat in a meeting stays in the record (their term is ended instead). */
export async function deleteMember(ctx: OperationContext, id: string): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const member = await loadMember(tx, id);
    if (await repo.memberHasRecord(tx, id)) {
      throw new ConflictError([{ path: "member", message: "council.member_has_record" }]);
    }
    await repo.deleteMember(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "council_member", recordId: id, changes: { name: member.name } }, ctx.requestId);
  });
}

export async function memberName(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => (await loadMember(tx, id)).name);
}

/** A new term for a member: one role at a time, so it may not overlap another of theirs. */
export async function addTerm(ctx: OperationContext, memberId: string, input: TermInput): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadMember(tx, memberId);
    if (await repo.termOverlaps(tx, memberId, input.starts_on, input.ends_on)) {
      throw new ValidationError([{ path: "starts_on", message: "council.term_overlaps" }]);
    }
    const id = newId();
    await repo.insertTerm(tx, { id, municipality_id: ctx.scope.municipalityId, member_id: memberId, ...input });
    await recordAudit(tx, ctx.actor, { action: "term.added", recordType: "council_member", recordId: memberId, changes: diff({}, input) }, ctx.requestId);
  });
}

/** The member a term belongs to. */
export async function memberOfTerm(ctx: OperationContext, termId: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const term = isId(termId) ? await repo.findTerm(tx, termId) : undefined;
    if (!term) {
      throw new NotFoundError();
    }
    return term.member_id;
  });
}

/** Ends a term on a day; the term stays as history. Answers the member's id. */
export async function endTerm(ctx: OperationContext, termId: string, endsOn: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const term = isId(termId) ? await repo.findTerm(tx, termId) : undefined;
    if (!term) {
      throw new NotFoundError();
    }
    if (endsOn < term.starts_on) {
      throw new ValidationError([{ path: "ends_on", message: "end_before_start" }]);
    }
    await repo.endTerm(tx, termId, endsOn);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "term.ended", recordType: "council_member", recordId: term.member_id, changes: { ends_on: { from: term.ends_on, to: endsOn } } },
      ctx.requestId,
    );
    return term.member_id;
  });
}
