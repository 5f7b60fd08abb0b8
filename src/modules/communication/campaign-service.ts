import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/roles.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { createMailBody, queueMail, queueMails, type MailRequest } from "../../platform/mail/repo.js";
import { stockholmInstant } from "../../platform/sweden/time.js";
import * as repo from "./campaign-repo.js";
import { newsletterMail } from "./mail-texts.js";
import * as lists from "./newsletter-repo.js";
import { authorizeCommunication, canCommunicate } from "./policy.js";
import type { CampaignInput } from "./schemas.js";
import { previewSegment, snapshotRecipients, type SegmentPreview } from "./segment-repo.js";
import type { CampaignStatus, Segment } from "./tables.js";
import { subscriberToken } from "./token.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { SegmentPreview, SegmentMember } from "./segment-repo.js";

export type { Campaign, Progress } from "./campaign-repo.js";

/** The job that queues a campaign's mail in batches and marks it sent when all is delivered. */
export const campaignQueue = "communication.campaign";
/** Recipients queued per transaction, and per run of the job before it hands over to a new run. */
export const batchSize = 500;
const batchesPerRun = 10;
/** Newsletters wait behind mail a person is waiting for. */
export const bulkPriority = 10;

const scheduler = systemActor("Utskick (schemalagt)");

function segmentOf(input: CampaignInput): Segment {
  return { list_ids: input.list_ids, sections: input.sections, size_classes: input.size_classes, tags: input.tags, in_area: input.in_area };
}

async function checkLists(tx: ScopedTx, segment: Segment): Promise<void> {
  for (const id of segment.list_ids) {
    if (!(await lists.findList(tx, id))) {
      throw new ValidationError([{ path: "list_ids", message: "invalid_choice" }]);
    }
  }
}

async function load(tx: ScopedTx, id: string, lock = false): Promise<repo.Campaign> {
  const campaign = isId(id) ? await repo.findCampaign(tx, id, lock) : undefined;
  if (!campaign) {
    throw new NotFoundError();
  }
  return campaign;
}

function requireStatus(campaign: repo.Campaign, allowed: readonly CampaignStatus[]): void {
  if (!allowed.includes(campaign.status)) {
    throw new ConflictError([{ path: "status", message: "communication.campaign_status" }]);
  }
}

async function audit(
  tx: ScopedTx,
  actor: Actor,
  requestId: string | undefined,
  action: string,
  id: string,
  changes: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, actor, { action, recordType: "campaign", recordId: id, changes }, requestId);
}

export async function listCampaigns(ctx: OperationContext): Promise<repo.Campaign[]> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listCampaigns(tx));
}

export interface CampaignView {
  campaign: repo.Campaign;
  progress: repo.Progress;
  preview: SegmentPreview | null;
}

/** A campaign, how far its sending has come, and (before sending) who its segment reaches. */
export async function getCampaign(ctx: OperationContext, id: string): Promise<CampaignView> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const campaign = await load(tx, id);
    const before = campaign.status === "draft" || campaign.status === "scheduled";
    const preview = before ? await previewSegment(tx, campaign.segment) : null;
    // A viewer sees how many a campaign reaches, not who.
    const people = canCommunicate(ctx.actor, "communication.people");
    return { campaign, progress: await repo.progress(tx, id), preview: preview && !people ? { ...preview, sampleIncluded: [], sampleLeftOut: [] } : preview };
  });
}

export async function preview(ctx: OperationContext, segment: Segment): Promise<SegmentPreview> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await checkLists(tx, segment);
    return previewSegment(tx, segment);
  });
}

export async function createCampaign(ctx: OperationContext, input: CampaignInput): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const segment = segmentOf(input);
    await checkLists(tx, segment);
    const id = newId();
    const values = { subject: input.subject, body: input.body, language: input.language, archive: input.archive };
    await repo.insertCampaign(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      ...values,
      segment: JSON.stringify(segment),
      created_by: ctx.actor.kind === "user" ? ctx.actor.id : null,
    });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.created", id, diff(undefined, { ...values, segment }));
    return id;
  });
}

export async function updateCampaign(ctx: OperationContext, id: string, input: CampaignInput): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await load(tx, id, true);
    requireStatus(before, ["draft", "scheduled"]);
    const segment = segmentOf(input);
    await checkLists(tx, segment);
    const values = { subject: input.subject, body: input.body, language: input.language, archive: input.archive };
    await repo.updateCampaign(tx, id, { ...values, segment: JSON.stringify(segment) });
    await audit(
      tx,
      ctx.actor,
      ctx.requestId,
      "campaign.updated",
      id,
      diff({ ...before, segment: before.segment } as Record<string, unknown>, { ...values, segment }),
    );
  });
}

export async function deleteCampaign(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await load(tx, id, true);
    requireStatus(before, ["draft", "scheduled", "cancelled"]);
    await repo.deleteCampaign(tx, id);
    await audit(tx, ctx.actor, ctx.requestId, "campaign.deleted", id, { subject: before.subject });
  });
}

/** A test copy to one address, marked as a test; its links lead to the sign-up page rather than anyone's preferences. */
export async function testSend(ctx: OperationContext, id: string, email: string, base: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const campaign = await load(tx, id);
    const rendered = newsletterMail({
      subject: campaign.subject,
      body: campaign.body,
      municipality: await repo.municipalityName(tx, ctx.scope.municipalityId),
      lang: campaign.language,
      links: { preferences: `${base}/nyhetsbrev`, unsubscribe: `${base}/nyhetsbrev`, archive: null },
    });
    await queueMail(tx, {
      municipalityId: ctx.scope.municipalityId,
      purpose: "communication.campaign_test",
      to: email,
      subject: `[Test] ${campaign.subject}`,
      text: rendered.text,
      html: rendered.html,
    });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.test_sent", id, { to: email });
  });
}

export async function schedule(ctx: OperationContext, id: string, when: { send_on: string; send_time: string }, base: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  const at = stockholmInstant(when.send_on, when.send_time);
  if (at.getTime() <= Date.now()) {
    throw new ValidationError([{ path: "send_on", message: "communication.in_the_past" }]);
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    requireStatus(await load(tx, id, true), ["draft", "scheduled"]);
    await repo.setStatus(tx, id, "scheduled", { scheduled_at: at, link_base: base });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.scheduled", id, { scheduled_at: at.toISOString() });
  });
}

export async function unschedule(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    requireStatus(await load(tx, id, true), ["scheduled"]);
    await repo.setStatus(tx, id, "draft", { scheduled_at: null });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.unscheduled", id);
  });
}

/**
 * The campaign's mail body, stored once: every recipient's mail shares it, with their own
 * links in its placeholders.
 */
async function campaignBody(tx: ScopedTx, campaign: repo.Campaign, base: string): Promise<string> {
  const rendered = newsletterMail({
    subject: campaign.subject,
    body: campaign.body,
    municipality: await repo.municipalityName(tx, campaign.municipality_id),
    lang: campaign.language,
    links: { preferences: "{{preferences}}", unsubscribe: "{{unsubscribe}}", archive: campaign.archive ? `${base}/nyhetsbrev/arkiv/${campaign.id}` : null },
  });
  return createMailBody(tx, { municipalityId: campaign.municipality_id, text: rendered.text, html: rendered.html });
}

/** Fixes the recipients and the body, and hands the campaign to the job that queues its mail. */
async function begin(tx: ScopedTx, campaign: repo.Campaign, base: string): Promise<number> {
  const count = await snapshotRecipients(tx, campaign.municipality_id, campaign.id, campaign.segment);
  if (count === 0) {
    throw new ValidationError([{ path: "list_ids", message: "communication.no_recipients" }]);
  }
  const linkBase = campaign.link_base ?? base;
  await repo.setStatus(tx, campaign.id, "sending", {
    started_at: new Date(),
    recipients: count,
    link_base: linkBase,
    mail_body_id: await campaignBody(tx, campaign, linkBase),
  });
  await enqueue(tx, { queue: campaignQueue, municipalityId: campaign.municipality_id, payload: { campaignId: campaign.id } });
  return count;
}

export async function sendNow(ctx: OperationContext, id: string, base: string): Promise<number> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const campaign = await load(tx, id, true);
    requireStatus(campaign, ["draft", "scheduled"]);
    const count = await begin(tx, { ...campaign, link_base: base }, base);
    await audit(tx, ctx.actor, ctx.requestId, "campaign.started", id, { recipients: count });
    return count;
  });
}

/** Stops sending: the mail not yet begun is taken back from the outbox, to be queued again on resuming. */
export async function pause(ctx: OperationContext, id: string): Promise<number> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    requireStatus(await load(tx, id, true), ["sending"]);
    const withdrawn = await repo.withdrawQueued(tx, id);
    await repo.setStatus(tx, id, "paused");
    await audit(tx, ctx.actor, ctx.requestId, "campaign.paused", id, { withdrawn });
    return withdrawn;
  });
}

export async function resume(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    requireStatus(await load(tx, id, true), ["paused"]);
    await repo.setStatus(tx, id, "sending");
    await enqueue(tx, { queue: campaignQueue, municipalityId: ctx.scope.municipalityId, payload: { campaignId: id } });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.resumed", id);
  });
}

export async function cancel(ctx: OperationContext, id: string): Promise<number> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    requireStatus(await load(tx, id, true), ["scheduled", "sending", "paused"]);
    const withdrawn = await repo.withdrawQueued(tx, id);
    await repo.setStatus(tx, id, "cancelled", { finished_at: new Date() });
    await audit(tx, ctx.actor, ctx.requestId, "campaign.cancelled", id, { withdrawn });
    return withdrawn;
  });
}

/** Scheduled campaigns whose time has come start sending (every minute). */
export async function startDue(db: Db, scope: Scope, now: Date): Promise<number> {
  return inScope(db, scope, async (tx) => {
    let started = 0;
    for (const campaign of await repo.dueScheduled(tx, now)) {
      try {
        const count = await begin(tx, campaign, campaign.link_base ?? "");
        await audit(tx, scheduler, undefined, "campaign.started", campaign.id, { recipients: count });
        started += 1;
      } catch (error) {
        if (!(error instanceof ValidationError)) {
          throw error;
        }
        await repo.setStatus(tx, campaign.id, "cancelled", { finished_at: now });
        await audit(tx, scheduler, undefined, "campaign.cancelled", campaign.id, { reason: "no_recipients" });
      }
    }
    return started;
  });
}

export interface RecipientLinks {
  preferences: string;
  unsubscribe: string;
}

export function recipientLinks(base: string, secret: string, subscriber: { id: string; token_salt: string }, campaignId: string): RecipientLinks {
  const token = subscriberToken(secret, subscriber);
  return { preferences: `${base}/nyhetsbrev/installningar/${token}`, unsubscribe: `${base}/nyhetsbrev/avsluta/${token}/${campaignId}` };
}

/**
 * Queues the next batch of a campaign's mail in one transaction: each recipient's mail
 * with its own links, its outbox row and the recipient's mark commit together, so a
 * crash leaves every recipient either queued once or still waiting. Answers what is left.
 */
export async function queueBatch(db: Db, scope: Scope, campaignId: string, secret: string): Promise<"more" | "queued" | "stopped"> {
  return inScope(db, scope, async (tx) => {
    const campaign = await repo.findCampaign(tx, campaignId);
    if (!campaign || campaign.status !== "sending") {
      return "stopped";
    }
    const due = await repo.nextRecipients(tx, campaignId, campaign.segment.list_ids, batchSize);
    if (due.length === 0) {
      return "queued";
    }
    const base = campaign.link_base ?? "";
    const bodyId = campaign.mail_body_id ?? (await campaignBody(tx, campaign, base));
    const listHost = new URL(base || "http://localhost").hostname;
    const sendable = due.filter((row) => row.left_out === null);
    const mails: MailRequest[] = sendable.map((row) => {
      const links = recipientLinks(base, secret, { id: row.subscriber_id, token_salt: row.token_salt }, campaignId);
      return {
        municipalityId: scope.municipalityId,
        purpose: "communication.campaign",
        subjectRef: row.subscriber_id,
        to: row.email,
        subject: campaign.subject,
        text: "",
        bodyId,
        vars: { preferences: links.preferences, unsubscribe: links.unsubscribe },
        priority: bulkPriority,
        headers: {
          "List-Unsubscribe": `<${links.unsubscribe}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "List-Id": `<${campaign.municipality_id}.${listHost}>`,
          Precedence: "bulk",
        },
      };
    });
    const outboxIds = await queueMails(tx, mails);
    await repo.markQueued(
      tx,
      campaignId,
      sendable.map((row, index) => ({ subscriberId: row.subscriber_id, outboxId: outboxIds[index]! })),
    );
    await repo.markSkipped(
      tx,
      campaignId,
      due.filter((row) => row.left_out !== null).map((row) => ({ subscriberId: row.subscriber_id, reason: row.left_out! })),
    );
    return due.length < batchSize ? "queued" : "more";
  });
}

/** When every recipient's mail is queued and none is left in the outbox, the campaign is sent. */
async function finishIfDelivered(db: Db, scope: Scope, campaignId: string): Promise<boolean> {
  return inScope(db, scope, async (tx) => {
    const campaign = await repo.findCampaign(tx, campaignId, true);
    if (!campaign || campaign.status !== "sending") {
      return true;
    }
    const progress = await repo.progress(tx, campaignId);
    if (progress.waiting > 0 || progress.queued > 0) {
      return false;
    }
    await repo.setStatus(tx, campaignId, "sent", { finished_at: new Date() });
    await audit(tx, scheduler, undefined, "campaign.sent", campaignId, { sent: progress.sent, failed: progress.failed, skipped: progress.skipped });
    return true;
  });
}

/**
 * One run of a campaign's job: a bounded number of batches, then it hands over to a new
 * run (so no run holds its lease long), or, with everything queued, waits for the
 * outbox to deliver and marks the campaign sent.
 */
export async function runCampaign(db: Db, scope: Scope, campaignId: string, secret: string): Promise<void> {
  let state: "more" | "queued" | "stopped" = "more";
  for (let batch = 0; batch < batchesPerRun && state === "more"; batch += 1) {
    state = await queueBatch(db, scope, campaignId, secret);
  }
  if (state === "stopped") {
    return;
  }
  if (state === "more") {
    await inScope(db, scope, (tx) => enqueue(tx, { queue: campaignQueue, municipalityId: scope.municipalityId, payload: { campaignId } }));
    return;
  }
  if (!(await finishIfDelivered(db, scope, campaignId))) {
    await inScope(db, scope, (tx) =>
      enqueue(tx, { queue: campaignQueue, municipalityId: scope.municipalityId, payload: { campaignId }, runAt: new Date(Date.now() + 2_000) }),
    );
  }
}

/** The public archive: sent campaigns marked for it. */
export async function archive(db: Db, scope: Scope): Promise<repo.Campaign[]> {
  return inScope(db, scope, (tx) => repo.archived(tx));
}

export async function archivedCampaign(db: Db, scope: Scope, id: string): Promise<repo.Campaign> {
  const campaign = isId(id) ? await inScope(db, scope, (tx) => repo.findArchived(tx, id)) : undefined;
  if (!campaign) {
    throw new NotFoundError();
  }
  return campaign;
}
