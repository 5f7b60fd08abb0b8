import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor, type Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { findCompanyIdByNumber, linkCompany } from "../companies/index.js";
import type { CaseFile } from "./attachments.js";
import * as repo from "./case-repo.js";
import * as notifications from "./notification-repo.js";
import { minutesLeft, openClocks, sixMonthsOn, slaState, statutoryClock, swedishDate, type SlaState, type StatutoryClock } from "./clocks.js";
import { newCaseMail, receiptMail, type CaseMailFacts } from "./mail-texts.js";
import { authorizeDesk, canDesk, type CaseScope } from "./policy.js";
import type { PublicCaseInput, StaffCaseInput } from "./schemas.js";
import * as settingsRepo from "./settings-repo.js";
import { clockPolicy, loadClockSettings, loadSettings } from "./settings-service.js";
import type { Channel, Priority } from "./tables.js";
import { hashLinkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { statusToken } from "./token.js";
import { emitEvent } from "../../platform/webhooks/emit.js";

/** What a mail to the business needs besides the case: where Lotsen answers, whose desk it is, the secret that makes status links. */
export interface DeskLinks {
  base: string;
  municipality: string;
  secret: string;
}

export const publicActor: Actor = systemActor("Företagslotsen (webbformulär)");
export const businessActor: Actor = systemActor("Företaget (statuslänk)");

export function statusUrl(links: DeskLinks, row: { id: string; status_token_salt: string }): string {
  return `${links.base}/foretagslots/status/${statusToken(links.secret, row.id, row.status_token_salt)}`;
}

export function mailFacts(links: DeskLinks, row: repo.Case): CaseMailFacts {
  return { number: row.number, subject: row.subject, municipality: links.municipality, statusUrl: statusUrl(links, row) };
}

export async function audit(
  tx: ScopedTx,
  actor: Actor,
  requestId: string | undefined,
  action: string,
  caseId: string,
  changes: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, actor, { action, recordType: "desk_case", recordId: caseId, changes }, requestId);
}

export async function insertFiles(
  tx: ScopedTx,
  scope: Scope,
  caseId: string,
  messageId: string | null,
  files: CaseFile[],
  fromBusiness: boolean,
): Promise<void> {
  for (const file of files) {
    await repo.insertAttachment(tx, {
      id: newId(),
      municipality_id: scope.municipalityId,
      case_id: caseId,
      message_id: messageId,
      filename: file.filename,
      content_type: file.contentType,
      size: file.content.length,
      content: file.content,
      from_business: fromBusiness,
    });
  }
}

interface NewCase {
  input: Omit<PublicCaseInput, "consent" | "website" | "started" | "email"> & { email: string | null; channel: Channel; priority: Priority };
  files: CaseFile[];
  language: "sv" | "en";
  consentAt: Date | null;
  createdBy: string | null;
}

/** Opens a case: its number, routing, clocks, status link, the business's files, a receipt mail. */
async function openCase(tx: ScopedTx, scope: Scope, actor: Actor, requestId: string | undefined, links: DeskLinks, fresh: NewCase): Promise<repo.Case> {
  const { input } = fresh;
  const category = await settingsRepo.findCategory(tx, input.category_id);
  if (!category || (!category.active && fresh.createdBy === null)) {
    throw new ValidationError([{ path: "category_id", message: "invalid_choice" }]);
  }
  const unit = (await settingsRepo.findUnit(tx, category.default_unit_id))!;
  const policyId = input.priority === "urgent" && category.urgent_policy_id ? category.urgent_policy_id : category.sla_policy_id;
  const policy = (await settingsRepo.findPolicy(tx, policyId))!;
  const now = new Date();
  const clocks = openClocks(await loadClockSettings(tx), clockPolicy(policy), now);
  const id = newId();
  const salt = newLinkSalt();
  const companyId = input.org_number ? ((await findCompanyIdByNumber(tx, input.org_number)) ?? null) : null;
  if (companyId) {
    await linkCompany(tx, scope.municipalityId, companyId, "case");
  }
  const createdOn = swedishDate(now);
  await repo.insertCase(tx, {
    id,
    municipality_id: scope.municipalityId,
    number: await repo.nextCaseNumber(tx, scope.municipalityId, Number(stockholmParts(now).date.slice(0, 4))),
    category_id: category.id,
    unit_id: unit.id,
    priority: input.priority,
    channel: input.channel,
    org_number: input.org_number,
    company_id: companyId,
    company_name: input.company_name,
    correspondent_name: input.name,
    correspondent_email: input.email,
    correspondent_phone: input.phone,
    language: fresh.language,
    consent_at: fresh.consentAt,
    subject: input.subject,
    description: input.description,
    status_token_salt: salt,
    status_token_hash: hashLinkToken(statusToken(links.secret, id, salt)),
    created_by: fresh.createdBy,
    sla_policy_id: policy.id,
    ...clocks,
    statutory: category.statutory,
    authority: unit.kind !== "company",
    statutory_due_on: category.statutory
      ? statutoryClock(category.statutory, { createdOn, completeOn: null, extensionWeeks: 0, decidedOn: null }, createdOn).dueOn
      : null,
  });
  await insertFiles(tx, scope, id, null, fresh.files, true);
  await repo.insertEvent(tx, {
    id: newId(),
    municipality_id: scope.municipalityId,
    case_id: id,
    actor_id: fresh.createdBy,
    by_business: fresh.createdBy === null,
    kind: "created",
    data: JSON.stringify({ channel: input.channel, unit: unit.name }),
  });
  const row = (await repo.findCase(tx, id))!;
  if (input.email) {
    const receipt = receiptMail(fresh.language, mailFacts(links, row), input.name);
    await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "desk.receipt", subjectRef: id, to: input.email, ...receipt });
  }
  // The unit's officers hear of it, unless they turned such mail off; the one who registered it knows.
  const newCase = newCaseMail({ number: row.number, subject: row.subject, unit: unit.name, channel: input.channel, base: links.base, caseId: id });
  for (const to of await notifications.recipients(tx, { unitId: unit.id }, "new_cases", fresh.createdBy)) {
    await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "desk.new_case", subjectRef: id, to, ...newCase });
  }
  await audit(tx, actor, requestId, "create", id, {
    number: row.number,
    category_id: category.id,
    unit_id: unit.id,
    channel: input.channel,
    org_number: input.org_number,
    subject: input.subject,
    files: fresh.files.length,
  });
  // Other systems hear of it by ids: the subject may hold words an officer later marks secret.
  await emitEvent(tx, "desk.case.created", {
    case_id: id,
    number: row.number,
    category_id: category.id,
    unit_id: unit.id,
    channel: input.channel,
    priority: input.priority,
  });
  return row;
}

/** A business's question from the public form. */
export async function submitPublicCase(
  db: Db,
  scope: Scope,
  input: PublicCaseInput,
  files: CaseFile[],
  language: "sv" | "en",
  links: DeskLinks,
  requestId?: string,
): Promise<{ number: string; statusUrl: string }> {
  return inScope(db, scope, async (tx) => {
    const row = await openCase(tx, scope, publicActor, requestId, links, {
      input: { ...input, channel: "web", priority: "normal" },
      files,
      language,
      consentAt: new Date(),
      createdBy: null,
    });
    return { number: row.number, statusUrl: statusUrl(links, row) };
  });
}

/** A question that came by phone, visit or mail, registered by staff: the business gets the same receipt and link. */
export async function registerCase(
  ctx: OperationContext,
  input: StaffCaseInput,
  files: CaseFile[],
  language: "sv" | "en",
  links: DeskLinks,
): Promise<repo.Case> {
  authorizeDesk(ctx.actor, "desk.register");
  const createdBy = ctx.actor.kind === "user" ? ctx.actor.id : null;
  return inScope(ctx.db, ctx.scope, (tx) => openCase(tx, ctx.scope, ctx.actor, ctx.requestId, links, { input, files, language, consentAt: null, createdBy }));
}

export interface ClockView {
  state: SlaState;
  nextDueAt: Date | null;
  minutesLeft: number | null;
  statutory: StatutoryClock | null;
  /** Förvaltningslagen 12 §: the day the business may demand a decision (authorities only). */
  sixMonthsOn: string | null;
}

export interface CaseDetail {
  case: repo.CaseRow;
  units: Array<{ unit_id: string; name: string }>;
  messages: repo.Message[];
  attachments: repo.AttachmentMeta[];
  events: repo.CaseEvent[];
  clock: ClockView;
  canHandle: boolean;
  canRoute: boolean;
}

export async function loadCase(tx: ScopedTx, id: string): Promise<repo.CaseRow> {
  const row = isId(id) ? await repo.findCase(tx, id) : undefined;
  if (!row) {
    throw new NotFoundError();
  }
  return row;
}

export async function caseScope(tx: ScopedTx, row: repo.Case): Promise<CaseScope> {
  return { unit_id: row.unit_id, unit_ids: (await repo.listCaseUnits(tx, row.id)).map((unit) => unit.unit_id), assignee_id: row.assignee_id };
}

export async function clockView(tx: ScopedTx, row: repo.Case, now = new Date()): Promise<ClockView> {
  const settings = await loadClockSettings(tx);
  const createdOn = swedishDate(row.created_at);
  return {
    state: slaState(row, now),
    nextDueAt: row.next_due_at,
    minutesLeft: row.next_due_at ? minutesLeft(settings, row.next_due_at, now) : null,
    statutory: row.statutory
      ? statutoryClock(
          row.statutory,
          { createdOn, completeOn: row.complete_on, extensionWeeks: row.extension_weeks, decidedOn: row.decided_on },
          swedishDate(now),
        )
      : null,
    sixMonthsOn: row.authority && !row.decided_on && row.status !== "closed" ? sixMonthsOn(createdOn) : null,
  };
}

export async function getCase(ctx: OperationContext, id: string): Promise<CaseDetail> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const row = await loadCase(tx, id);
    const scope = await caseScope(tx, row);
    return {
      case: row,
      units: await repo.listCaseUnits(tx, id),
      messages: await repo.listMessages(tx, id, { forBusiness: false }),
      attachments: await repo.listAttachments(tx, id),
      events: await repo.listEvents(tx, id),
      clock: await clockView(tx, row),
      canHandle: canDesk(ctx.actor, "desk.handle", scope),
      canRoute: canDesk(ctx.actor, "desk.route"),
    };
  });
}

export async function getAttachment(ctx: OperationContext, caseId: string, attachmentId: string) {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const row = await loadCase(tx, caseId);
    const file = isId(attachmentId) ? await repo.findAttachment(tx, row.id, attachmentId) : undefined;
    if (!file) {
      throw new NotFoundError();
    }
    return file;
  });
}

// ----- The business's status page ---------------------------------------------------------

export interface StatusView {
  case: Pick<
    repo.CaseRow,
    | "id"
    | "number"
    | "subject"
    | "description"
    | "status"
    | "created_at"
    | "category_sv"
    | "category_en"
    | "unit_name"
    | "company_name"
    | "org_number"
    | "correspondent_name"
    | "language"
  >;
  messages: Array<Pick<repo.Message, "id" | "kind" | "body" | "created_at">>;
  attachments: Array<Pick<repo.AttachmentMeta, "id" | "filename" | "size" | "from_business" | "created_at">>;
}

/** The case a status token opens, or 404: a wrong, expired or other municipality's token reveals nothing. */
export async function caseByToken(tx: ScopedTx, token: string): Promise<repo.CaseRow> {
  const row = looksLikeLinkToken(token) ? await repo.findCaseByToken(tx, hashLinkToken(token)) : undefined;
  if (!row || (row.status_token_expires_at && row.status_token_expires_at < new Date())) {
    throw new NotFoundError();
  }
  return row;
}

export async function getStatus(db: Db, scope: Scope, token: string): Promise<StatusView> {
  return inScope(db, scope, async (tx) => {
    const row = await caseByToken(tx, token);
    const messages = await repo.listMessages(tx, row.id, { forBusiness: true });
    const attachments = await repo.listAttachments(tx, row.id, { forBusiness: true });
    return {
      case: row,
      messages: messages.map(({ id, kind, body, created_at }) => ({ id, kind, body, created_at })),
      attachments: attachments.map(({ id, filename, size, from_business, created_at }) => ({ id, filename, size, from_business, created_at })),
    };
  });
}

export async function getStatusAttachment(db: Db, scope: Scope, token: string, attachmentId: string) {
  return inScope(db, scope, async (tx) => {
    const row = await caseByToken(tx, token);
    const file = isId(attachmentId) ? await repo.findAttachment(tx, row.id, attachmentId, { forBusiness: true }) : undefined;
    if (!file) {
      throw new NotFoundError();
    }
    return file;
  });
}

/** What the public form offers: the active categories and the consent text in both languages. */
export async function publicFormChoices(db: Db, scope: Scope): Promise<{ categories: settingsRepo.Category[]; consent: { sv: string; en: string } }> {
  return inScope(db, scope, async (tx) => ({
    categories: await settingsRepo.listCategories(tx, { activeOnly: true }),
    consent: (await loadSettings(tx)).consent,
  }));
}

/** What the case page's forms choose from: the units and the staff who handle cases. */
export async function caseChoices(
  ctx: OperationContext,
): Promise<{ units: Array<{ id: string; name: string }>; handlers: Array<{ id: string; name: string }> }> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => ({
    units: (await settingsRepo.listUnits(tx)).map(({ id, name }) => ({ id, name })),
    handlers: (await settingsRepo.listHandlers(tx)).map(({ id, name }) => ({ id, name })),
  }));
}
