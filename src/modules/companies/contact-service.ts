import { diff, recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { parseIdentityNumber } from "../../platform/sweden/identity-number.js";
import * as repo from "./contact-repo.js";
import * as companyRepo from "./repo.js";
import { authorizeCompanies } from "./policy.js";
import type { ContactInput } from "./schemas.js";
import { audit, loadCompany } from "./service.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { Contact, CompanyContact } from "./contact-repo.js";

export interface ContactDetail {
  contact: repo.Contact;
  companies: repo.ContactLink[];
}

async function loadContact(tx: ScopedTx, id: string): Promise<repo.Contact> {
  const contact = isId(id) ? await repo.findContact(tx, id) : undefined;
  if (!contact) {
    throw new NotFoundError();
  }
  return contact;
}

const personal = (input: ContactInput) => ({
  name: input.name,
  title: input.title,
  email: input.email,
  phone: input.phone,
  lawful_basis: input.lawful_basis,
  source: input.source,
});

export async function getContact(ctx: OperationContext, id: string): Promise<ContactDetail> {
  authorizeCompanies(ctx.actor, "contacts.read");
  return inScope(ctx.db, ctx.scope, async (tx) => ({ contact: await loadContact(tx, id), companies: await repo.listContactLinks(tx, id) }));
}

/** A new contact at a company. Its audit events are about the contact, so erasure finds them all. */
export async function createContact(ctx: OperationContext, companyId: string, input: ContactInput): Promise<repo.Contact> {
  authorizeCompanies(ctx.actor, "companies.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await loadCompany(tx, companyId);
    const id = newId();
    await repo.insertContact(tx, { id, municipality_id: ctx.scope.municipalityId, ...personal(input) });
    await repo.linkContact(tx, { municipality_id: ctx.scope.municipalityId, contact_id: id, company_id: companyId, role: input.role });
    await companyRepo.link(tx, ctx.scope.municipalityId, companyId, "contact");
    await audit(tx, ctx, {
      action: "create",
      recordType: "contact",
      recordId: id,
      changes: diff({}, { ...personal(input), company_id: companyId, role: input.role }),
    });
    return loadContact(tx, id);
  });
}

export async function updateContact(ctx: OperationContext, id: string, input: ContactInput, companyId: string | null): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadContact(tx, id);
    await repo.updateContact(tx, id, personal(input));
    const links = await repo.listContactLinks(tx, id);
    const link = companyId ? links.find((candidate) => candidate.company_id === companyId) : undefined;
    if (link) {
      await repo.linkContact(tx, { municipality_id: ctx.scope.municipalityId, contact_id: id, company_id: link.company_id, role: input.role });
    }
    await audit(tx, ctx, {
      action: "update",
      recordType: "contact",
      recordId: id,
      changes: diff({ ...before, role: link?.role ?? null }, { ...personal(input), ...(link ? { role: input.role } : {}) }),
    });
  });
}

/** Links a contact to one more company, named by its organisation number. */
export async function linkContactToCompany(ctx: OperationContext, id: string, orgNumber: string, role: string | null): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadContact(tx, id);
    const parsed = parseIdentityNumber(orgNumber);
    const companyId = parsed.ok ? await companyRepo.findCompanyIdByNumber(tx, parsed.value.digits) : undefined;
    if (!companyId) {
      throw new ValidationError([{ path: "org_number", message: parsed.ok ? "companies.company_not_in_register" : parsed.problem }]);
    }
    await repo.linkContact(tx, { municipality_id: ctx.scope.municipalityId, contact_id: id, company_id: companyId, role });
    await repo.touchContacts(tx, [id]);
    await companyRepo.link(tx, ctx.scope.municipalityId, companyId, "contact");
    await audit(tx, ctx, { action: "link", recordType: "contact", recordId: id, changes: { company_id: companyId, role } });
  });
}

export async function unlinkContact(ctx: OperationContext, id: string, companyId: string): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadContact(tx, id);
    await repo.unlinkContact(tx, id, companyId);
    await audit(tx, ctx, { action: "unlink", recordType: "contact", recordId: id, changes: { company_id: companyId } });
  });
}

/**
 * The register extract (GDPR Art. 15): everything Lotsen holds about one person — the
 * record with its lawful basis and source, the companies with roles, the visits they
 * took part in, and the log of changes to their record.
 */
export async function contactExtract(ctx: OperationContext, id: string) {
  authorizeCompanies(ctx.actor, "contacts.personal");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const extract = await contactExtractIn(tx, await loadContact(tx, id));
    await audit(tx, ctx, { action: "extract", recordType: "contact", recordId: id });
    return extract;
  });
}

/** The extract of one contact, in the caller's transaction (the data-protection page makes one of every module's). */
export async function contactExtractIn(tx: ScopedTx, contact: repo.Contact) {
  const [companies, visits, events] = await Promise.all([
    repo.listContactLinks(tx, contact.id),
    repo.listContactVisits(tx, contact.id),
    repo.listContactEvents(tx, contact.id),
  ]);
  return {
    generated_at: new Date().toISOString(),
    person: { name: contact.name, title: contact.title, email: contact.email, phone: contact.phone },
    lawful_basis: contact.lawful_basis,
    source: contact.source,
    created_at: contact.created_at,
    last_touched_at: contact.touched_at,
    companies: companies.map((link) => ({ name: link.company_name, org_number: link.org_number, role: link.role })),
    visits,
    changes: events,
  };
}

/** Erasure (GDPR Art. 17): the record and its links go; the audit log keeps the events without the values. */
export async function eraseContact(ctx: OperationContext, id: string): Promise<void> {
  authorizeCompanies(ctx.actor, "contacts.personal");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadContact(tx, id);
    await eraseContactIn(tx, ctx.actor, id, ctx.requestId);
  });
}

/** The erasure itself, in the caller's transaction. */
export async function eraseContactIn(tx: ScopedTx, actor: Actor, id: string, requestId: string | undefined): Promise<void> {
  await repo.deleteContact(tx, id);
  await redactAuditValues(tx, "contact", id);
  await recordAudit(tx, actor, { action: "erase", recordType: "contact", recordId: id }, requestId);
}

/** The retention rule: contacts nobody has touched for the municipality's retention time. */
export async function staleContacts(
  ctx: OperationContext,
): Promise<{ months: number; before: Date; contacts: Array<repo.Contact & { companies: string | null }> }> {
  authorizeCompanies(ctx.actor, "contacts.personal");
  return inScope(ctx.db, ctx.scope, (tx) => staleIn(tx));
}

/** Erases every contact past the retention time, read and erased in one transaction. */
export async function purgeStaleContacts(ctx: OperationContext): Promise<number> {
  authorizeCompanies(ctx.actor, "contacts.personal");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { contacts } = await staleIn(tx);
    for (const contact of contacts) {
      await eraseContactIn(tx, ctx.actor, contact.id, ctx.requestId);
    }
    return contacts.length;
  });
}

async function staleIn(tx: ScopedTx) {
  const months = (await companyRepo.findArea(tx))?.contact_retention_months ?? 36;
  const before = new Date();
  before.setMonth(before.getMonth() - months);
  return { months, before, contacts: await repo.listStaleContacts(tx, before) };
}
