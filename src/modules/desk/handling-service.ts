import type { Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError, type FieldProblem } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { addBusinessMinutes } from "../../platform/sweden/business-calendar.js";
import type { CaseFile } from "./attachments.js";
import * as repo from "./case-repo.js";
import {
  demandDueOn,
  dueAfter,
  replied,
  statusChanged,
  withNext,
  statutoryClock,
  statutoryWeeks,
  swedishDate,
  type CaseClocks,
  type ClockPolicy,
  type ClockSettings,
} from "./clocks.js";
import { businessReplyMail, delayNoticeMail, replyMail } from "./mail-texts.js";
import * as notifications from "./notification-repo.js";
import * as registerRepo from "./register-repo.js";
import { authorizeDesk } from "./policy.js";
import type { StatutoryInput } from "./schemas.js";
import { audit, businessActor, caseByToken, caseScope, insertFiles, loadCase, mailFacts, type DeskLinks } from "./service.js";
import * as settingsRepo from "./settings-repo.js";
import { clockPolicy, loadClockSettings } from "./settings-service.js";
import type { CaseStatus, Priority } from "./tables.js";
import { emitEvent } from "../../platform/webhooks/emit.js";

interface Handling {
  tx: ScopedTx;
  row: repo.CaseRow;
  settings: ClockSettings;
  policy: ClockPolicy;
  actorId: string | null;
  event: (kind: string, data?: Record<string, unknown>) => Promise<void>;
  saveClocks: (clocks: CaseClocks) => Promise<void>;
}

const clocksOf = (row: repo.Case): CaseClocks => ({
  status: row.status,
  created_at: row.created_at,
  first_response_due_at: row.first_response_due_at,
  update_due_at: row.update_due_at,
  resolution_due_at: row.resolution_due_at,
  next_due_at: row.next_due_at,
  next_warn_at: row.next_warn_at,
  first_responded_at: row.first_responded_at,
  first_response_minutes: row.first_response_minutes,
  first_response_on_time: row.first_response_on_time,
  last_reply_at: row.last_reply_at,
  resolved_at: row.resolved_at,
  resolution_minutes: row.resolution_minutes,
  resolution_on_time: row.resolution_on_time,
  paused_at: row.paused_at,
  paused_minutes: row.paused_minutes,
});

/** Loads and locks a case in the scope, and hands the work what a change needs. */
async function onCase<T>(tx: ScopedTx, scope: Scope, id: string, actor: Actor, work: (handling: Handling) => Promise<T>): Promise<T> {
  if (!isId(id) || !(await repo.lockCase(tx, id))) {
    throw new NotFoundError();
  }
  const row = await loadCase(tx, id);
  const settings = await loadClockSettings(tx);
  const policy = clockPolicy((await settingsRepo.findPolicy(tx, row.sla_policy_id))!);
  const actorId = actor.kind === "user" ? actor.id : null;
  return work({
    tx,
    row,
    settings,
    policy,
    actorId,
    event: async (kind, data = {}) => {
      await repo.insertEvent(tx, {
        id: newId(),
        municipality_id: scope.municipalityId,
        case_id: id,
        actor_id: actorId,
        by_business: actor === businessActor,
        kind,
        data: JSON.stringify(data),
      });
    },
    saveClocks: async (clocks) => {
      const { created_at: _created, ...changes } = clocks;
      const closing = clocks.status === "closed" && row.status !== "closed";
      await repo.updateCase(tx, id, {
        ...changes,
        closed_at: clocks.status === "closed" ? (row.closed_at ?? new Date()) : null,
        status_token_expires_at: closing ? new Date(Date.now() + 365 * 86_400_000) : clocks.status === "closed" ? row.status_token_expires_at : null,
      });
      if (closing) {
        await emitEvent(tx, "desk.case.closed", {
          case_id: id,
          number: row.number,
          unit_id: row.unit_id,
          category_id: row.category_id,
          decided_on: row.decided_on,
        });
      }
    },
  });
}

/** A handling action by staff: authorized on the case's units and assignee. */
async function handle<T>(ctx: OperationContext, id: string, work: (handling: Handling) => Promise<T>): Promise<T> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, (tx) =>
    onCase(tx, ctx.scope, id, ctx.actor, async (handling) => {
      authorizeDesk(ctx.actor, "desk.handle", await caseScope(tx, handling.row));
      return work(handling);
    }),
  );
}

/** A reply to the business: a message, a mail with the status link, the first-response and update clocks. */
export async function reply(
  ctx: OperationContext,
  id: string,
  input: { body: string; then: "open" | "waiting" | "resolved" },
  files: CaseFile[],
  links: DeskLinks,
): Promise<void> {
  await handle(ctx, id, async ({ tx, row, settings, policy, actorId, event, saveClocks }) => {
    const messageId = newId();
    const facts = mailFacts(links, row);
    const officer = ctx.actor.kind === "user" ? `${ctx.actor.name}\n${row.unit_name}` : row.unit_name;
    // Without an e-mail address (a phone call, the counter) the answer is given by phone or letter and recorded here.
    const mail = row.correspondent_email
      ? await queueMail(tx, {
          municipalityId: ctx.scope.municipalityId,
          purpose: "desk.reply",
          subjectRef: id,
          to: row.correspondent_email,
          ...replyMail(row.language, facts, input.body, officer),
          attachments: files.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content.toString("base64") })),
        })
      : null;
    await repo.insertMessage(tx, {
      id: messageId,
      municipality_id: ctx.scope.municipalityId,
      case_id: id,
      kind: "to_business",
      author_id: actorId,
      body: input.body,
      mail_id: mail?.id ?? null,
    });
    await insertFiles(tx, ctx.scope, id, messageId, files, false);
    let clocks = replied(settings, policy, clocksOf(row), new Date());
    if (input.then !== "open" && input.then !== clocks.status) {
      clocks = statusChanged(settings, policy, clocks, input.then, new Date());
      await event("status", { from: row.status, to: input.then });
    }
    await saveClocks(clocks);
    await emitEvent(tx, "desk.case.answered", { case_id: id, number: row.number, unit_id: row.unit_id, message_id: messageId, status: clocks.status });
    await audit(tx, ctx.actor, ctx.requestId, "reply", id, { message_id: messageId, files: files.length, status: clocks.status });
  });
}

export async function addNote(ctx: OperationContext, id: string, body: string, files: CaseFile[]): Promise<void> {
  await handle(ctx, id, async ({ tx, actorId }) => {
    const messageId = newId();
    await repo.insertMessage(tx, { id: messageId, municipality_id: ctx.scope.municipalityId, case_id: id, kind: "note", author_id: actorId, body });
    await insertFiles(tx, ctx.scope, id, messageId, files, false);
    await audit(tx, ctx.actor, ctx.requestId, "note", id, { message_id: messageId, files: files.length });
  });
}

export async function setStatus(ctx: OperationContext, id: string, status: CaseStatus): Promise<void> {
  await handle(ctx, id, async ({ tx, row, settings, policy, event, saveClocks }) => {
    if (status === row.status) {
      return;
    }
    await saveClocks(statusChanged(settings, policy, clocksOf(row), status, new Date()));
    if (status === "resolved" && row.statutory && !row.decided_on) {
      await repo.updateCase(tx, id, { decided_on: swedishDate(new Date()) });
    }
    await event(row.status === "resolved" || row.status === "closed" ? "reopened" : "status", { from: row.status, to: status });
    await audit(tx, ctx.actor, ctx.requestId, "status", id, { status: { from: row.status, to: status } });
  });
}

export async function assign(ctx: OperationContext, id: string, assigneeId: string | null): Promise<void> {
  await handle(ctx, id, async ({ tx, row, event }) => {
    const handler = assigneeId ? (await settingsRepo.listHandlers(tx)).find((candidate) => candidate.id === assigneeId) : undefined;
    if (assigneeId && !handler) {
      throw new ValidationError([{ path: "assignee_id", message: "invalid_choice" }]);
    }
    if (assigneeId === row.assignee_id) {
      return;
    }
    await repo.updateCase(tx, id, { assignee_id: assigneeId });
    await event(handler ? "assigned" : "unassigned", { name: handler?.name ?? "" });
    await audit(tx, ctx.actor, ctx.requestId, "assign", id, { assignee_id: { from: row.assignee_id, to: assigneeId } });
  });
}

/** Another unit takes over the case; the assignee is cleared unless they belong there too. */
export async function transfer(ctx: OperationContext, id: string, unitId: string): Promise<void> {
  authorizeDesk(ctx.actor, "desk.route");
  await handle(ctx, id, async ({ tx, row, event }) => {
    const unit = await settingsRepo.findUnit(tx, unitId);
    if (!unit) {
      throw new ValidationError([{ path: "unit_id", message: "invalid_choice" }]);
    }
    if (unit.id === row.unit_id) {
      return;
    }
    const keepsAssignee =
      row.assignee_id !== null && (await settingsRepo.listHandlers(tx)).some((handler) => handler.id === row.assignee_id && handler.unit_ids.includes(unit.id));
    await repo.updateCase(tx, id, { unit_id: unit.id, authority: unit.kind !== "company", assignee_id: keepsAssignee ? row.assignee_id : null });
    await event("transferred", { from: row.unit_name, to: unit.name });
    await audit(tx, ctx.actor, ctx.requestId, "transfer", id, { unit_id: { from: row.unit_id, to: unit.id } });
  });
}

export async function addCollaborator(ctx: OperationContext, id: string, unitId: string): Promise<void> {
  await handle(ctx, id, async ({ tx, row, event }) => {
    const unit = await settingsRepo.findUnit(tx, unitId);
    if (!unit || unit.id === row.unit_id) {
      throw new ValidationError([{ path: "unit_id", message: "invalid_choice" }]);
    }
    if (await repo.addCaseUnit(tx, ctx.scope.municipalityId, id, unit.id)) {
      await event("collaborator_added", { unit: unit.name });
      await audit(tx, ctx.actor, ctx.requestId, "add_unit", id, { unit_id: unit.id });
    }
  });
}

export async function removeCollaborator(ctx: OperationContext, id: string, unitId: string): Promise<void> {
  await handle(ctx, id, async ({ tx, event }) => {
    const unit = isId(unitId) ? await settingsRepo.findUnit(tx, unitId) : undefined;
    if (!unit) {
      throw new ValidationError([{ path: "unit_id", message: "invalid_choice" }]);
    }
    await repo.removeCaseUnit(tx, id, unit.id);
    await event("collaborator_removed", { unit: unit.name });
    await audit(tx, ctx.actor, ctx.requestId, "remove_unit", id, { unit_id: unit.id });
  });
}

/** Urgent cases may run on the category's faster policy: the targets are counted again from the start. */
export async function setPriority(ctx: OperationContext, id: string, priority: Priority): Promise<void> {
  await handle(ctx, id, async ({ tx, row, settings, event, saveClocks }) => {
    if (priority === row.priority) {
      return;
    }
    const category = (await settingsRepo.findCategory(tx, row.category_id))!;
    const policyRow = (await settingsRepo.findPolicy(
      tx,
      priority === "urgent" && category.urgent_policy_id ? category.urgent_policy_id : category.sla_policy_id,
    ))!;
    const policy = clockPolicy(policyRow);
    const clocks = clocksOf(row);
    const start = addBusinessMinutes(settings.calendar, row.created_at, row.paused_minutes);
    await repo.updateCase(tx, id, { priority, sla_policy_id: policyRow.id });
    await saveClocks(
      withNext(settings, policy, {
        ...clocks,
        first_response_due_at: clocks.first_responded_at ? clocks.first_response_due_at : dueAfter(settings, policy, start, policy.first_response_target),
        resolution_due_at: clocks.resolved_at ? clocks.resolution_due_at : dueAfter(settings, policy, start, policy.resolution_target),
        update_due_at: clocks.last_reply_at ? dueAfter(settings, policy, clocks.last_reply_at, policy.update_target) : null,
      }),
    );
    await event("priority", { from: row.priority, to: priority });
    await audit(tx, ctx.actor, ctx.requestId, "priority", id, { priority: { from: row.priority, to: priority }, sla_policy_id: policyRow.id });
  });
}

/** Marks a message or file as holding business secrets (OSL 30 kap. 23 §), with the reason; audited. */
export async function setSecrecy(
  ctx: OperationContext,
  id: string,
  item: { kind: "message" | "attachment"; id: string },
  secret: boolean,
  reason: string | null,
): Promise<void> {
  await handle(ctx, id, async ({ tx, event }) => {
    const found = isId(item.id) ? (item.kind === "message" ? await repo.findMessage(tx, id, item.id) : await repo.findAttachment(tx, id, item.id)) : undefined;
    if (!found) {
      throw new NotFoundError();
    }
    if (item.kind === "message") {
      await repo.setMessageSecret(tx, item.id, secret, secret ? reason : null);
    } else {
      await repo.setAttachmentSecret(tx, item.id, secret, secret ? reason : null);
    }
    await event(secret ? "secrecy_marked" : "secrecy_removed", { item: item.kind, reason });
    await audit(tx, ctx.actor, ctx.requestId, secret ? "mark_secret" : "unmark_secret", id, { item: item.kind, item_id: item.id, reason });
  });
}

/** The words of a case's subject the register withholds as secret, with the reason (a provision of OSL). */
export async function setSubjectSecret(ctx: OperationContext, id: string, input: { phrases: string[]; reason: string | null }): Promise<void> {
  await handle(ctx, id, async ({ tx, row }) => {
    const phrases = [...new Set(input.phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase !== ""))];
    if (phrases.some((phrase) => !row.subject.toLocaleLowerCase("sv").includes(phrase.toLocaleLowerCase("sv")))) {
      throw new ValidationError([{ path: "phrases", message: "desk.phrase_not_in_subject" }]);
    }
    if (phrases.length > 0 && !input.reason) {
      throw new ValidationError([{ path: "reason", message: "desk.secrecy_reason_required" }]);
    }
    await registerRepo.setSubjectSecret(tx, row.id, phrases, phrases.length > 0 ? input.reason : null);
    await audit(tx, ctx.actor, ctx.requestId, "subject_secret", row.id, {
      subject_secret: { from: row.subject_secret.join(", "), to: phrases.join(", ") },
      reason: input.reason,
    });
  });
}

/** The statutory dates: when the application was complete, an extension with its reason, the decision, a demanded decision. */
export async function saveStatutory(ctx: OperationContext, id: string, input: StatutoryInput): Promise<void> {
  await handle(ctx, id, async ({ tx, row, event }) => {
    const problems: FieldProblem[] = [];
    if (!row.statutory && (input.complete_on || input.extension_weeks > 0)) {
      problems.push({ path: "complete_on", message: "desk.not_statutory" });
    }
    if (row.statutory && input.extension_weeks > statutoryWeeks[row.statutory]) {
      problems.push({ path: "extension_weeks", message: "desk.invalid_extension" });
    }
    if (input.extension_weeks > 0 && !input.extension_reason) {
      problems.push({ path: "extension_reason", message: "desk.extension_reason_required" });
    }
    if (row.extension_weeks > 0 && input.extension_weeks !== row.extension_weeks && row.extension_reason !== null) {
      problems.push({ path: "extension_weeks", message: "desk.extension_once" });
    }
    const createdOn = swedishDate(row.created_at);
    for (const field of ["complete_on", "decided_on", "decision_demanded_on"] as const) {
      if (input[field] && input[field]! < createdOn) {
        problems.push({ path: field, message: "desk.before_case" });
      }
    }
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    const values = {
      complete_on: input.complete_on,
      extension_weeks: input.extension_weeks,
      extension_reason: input.extension_weeks > 0 ? input.extension_reason : null,
      decided_on: input.decided_on,
      decision_demanded_on: input.decision_demanded_on,
      demand_due_on: input.decision_demanded_on ? demandDueOn(input.decision_demanded_on) : null,
      statutory_due_on: row.statutory
        ? statutoryClock(
            row.statutory,
            { createdOn, completeOn: input.complete_on, extensionWeeks: input.extension_weeks, decidedOn: input.decided_on },
            createdOn,
          ).dueOn
        : null,
    };
    await repo.updateCase(tx, id, values);
    const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => row[key as keyof typeof values] !== value));
    if (Object.keys(changed).length > 0) {
      await event("statutory", changed);
      await audit(tx, ctx.actor, ctx.requestId, "statutory", id, changed);
    }
  });
}

/** Förvaltningslagen 11 §: the business is told of a significant delay, with the reason, and the notice is recorded. */
export async function sendDelayNotice(ctx: OperationContext, id: string, reason: string, links: DeskLinks): Promise<void> {
  await handle(ctx, id, async ({ tx, row, actorId, event }) => {
    const notice = delayNoticeMail(row.language, mailFacts(links, row), reason);
    const mail = row.correspondent_email
      ? await queueMail(tx, { municipalityId: ctx.scope.municipalityId, purpose: "desk.delay_notice", subjectRef: id, to: row.correspondent_email, ...notice })
      : null;
    await repo.insertMessage(tx, {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      case_id: id,
      kind: "to_business",
      author_id: actorId,
      body: notice.text.split("\n\n").slice(0, 2).join("\n\n"),
      mail_id: mail?.id ?? null,
    });
    await repo.updateCase(tx, id, { delay_notice_at: new Date(), delay_notice_reason: reason });
    await event("delay_notice", { reason });
    await audit(tx, ctx.actor, ctx.requestId, "delay_notice", id, { reason });
  });
}

/** The business answers on its status page: the answer reopens or resumes the case. */
export async function replyAsBusiness(db: Db, scope: Scope, token: string, body: string, files: CaseFile[], base: string, requestId?: string): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const found = await caseByToken(tx, token);
    await onCase(tx, scope, found.id, businessActor, async ({ row, settings, policy, event, saveClocks }) => {
      const messageId = newId();
      await repo.insertMessage(tx, { id: messageId, municipality_id: scope.municipalityId, case_id: row.id, kind: "from_business", author_id: null, body });
      await insertFiles(tx, scope, row.id, messageId, files, true);
      if (row.status === "waiting" || row.status === "resolved" || row.status === "closed") {
        await saveClocks(statusChanged(settings, policy, clocksOf(row), "open", new Date()));
        await event(row.status === "waiting" ? "resumed_by_business" : "reopened_by_business", { from: row.status });
      }
      await audit(tx, businessActor, requestId, "business_reply", row.id, { message_id: messageId, files: files.length });
      // The case's officer hears of the answer; a case nobody has taken tells its unit.
      const to = await notifications.recipients(tx, row.assignee_id ? { userIds: [row.assignee_id] } : { unitId: row.unit_id }, "replies", null);
      const mail = businessReplyMail({ number: row.number, subject: row.subject, base, caseId: row.id });
      for (const address of to) {
        await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "desk.business_reply", subjectRef: row.id, to: address, ...mail });
      }
    });
  });
}
