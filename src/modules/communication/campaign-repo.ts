import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { CampaignStatus, CampaignTable } from "./tables.js";

export type Campaign = Selectable<CampaignTable>;

export async function listCampaigns(tx: ScopedTx): Promise<Campaign[]> {
  return tx.selectFrom("campaigns").selectAll().orderBy("created_at", "desc").limit(200).execute();
}

export async function findCampaign(tx: ScopedTx, id: string, lock = false): Promise<Campaign | undefined> {
  const query = tx.selectFrom("campaigns").selectAll().where("id", "=", id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertCampaign(tx: ScopedTx, values: Insertable<CampaignTable>): Promise<void> {
  await tx.insertInto("campaigns").values(values).execute();
}

export async function updateCampaign(tx: ScopedTx, id: string, values: Updateable<CampaignTable>): Promise<void> {
  await tx
    .updateTable("campaigns")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteCampaign(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("campaigns").where("id", "=", id).execute();
}

export async function archived(tx: ScopedTx): Promise<Campaign[]> {
  return tx.selectFrom("campaigns").selectAll().where("status", "=", "sent").where("archive", "=", true).orderBy("started_at", "desc").limit(200).execute();
}

export async function findArchived(tx: ScopedTx, id: string): Promise<Campaign | undefined> {
  return tx.selectFrom("campaigns").selectAll().where("id", "=", id).where("status", "=", "sent").where("archive", "=", true).executeTakeFirst();
}

export interface Progress {
  recipients: number;
  waiting: number;
  skipped: number;
  queued: number;
  sent: number;
  failed: number;
}

/** How far a campaign has come: recipients not yet queued, skipped, and the outbox's states of the rest. */
export async function progress(tx: ScopedTx, campaignId: string): Promise<Progress> {
  const result = await sql<Progress>`
    select count(*)::int as recipients,
      count(*) filter (where r.outbox_id is null and r.skipped is null)::int as waiting,
      count(*) filter (where r.skipped is not null)::int as skipped,
      count(*) filter (where o.status = 'queued')::int as queued,
      count(*) filter (where o.status = 'sent')::int as sent,
      count(*) filter (where o.status = 'failed')::int as failed
    from campaign_recipients r left join mail_outbox o on o.id = r.outbox_id
    where r.campaign_id = ${campaignId}`.execute(tx);
  return result.rows[0]!;
}

export interface Due {
  subscriber_id: string;
  email: string;
  token_salt: string;
  language: string;
  /** Why the subscriber is left out now, though they were in the segment when sending began. */
  left_out: string | null;
}

/**
 * The next recipients whose mail is not yet queued, in subscriber order, locked so that two
 * runs never take the same; each with whether they may still be sent to (blocked, left
 * everything, or left the campaign's lists since sending began). The subscription is
 * looked up by its key (subscriber and list) and its status read from the row: a condition
 * on the status let the planner take the list's index instead, and read every subscription
 * of the list for each recipient while the table's statistics were new (a list filled just
 * before it is sent to): 0.4 s a batch of 500.
 */
export async function nextRecipients(tx: ScopedTx, campaignId: string, listIds: readonly string[], limit: number): Promise<Due[]> {
  const result = await sql<Due>`
    select r.subscriber_id, s.email, s.token_salt, s.language,
      case
        when s.blocked_at is not null then 'blocked'
        when s.opted_out_at is not null then 'opted_out'
        when ${listIds.length > 0} and not coalesce((select bool_or(x.status = 'confirmed') from subscriptions x where x.subscriber_id = s.id and x.list_id = any(${listIds}::uuid[])), false) then 'unsubscribed'
        else null
      end as left_out
    from campaign_recipients r join subscribers s on s.id = r.subscriber_id
    where r.campaign_id = ${campaignId} and r.outbox_id is null and r.skipped is null
    order by r.subscriber_id
    limit ${limit}
    for update of r skip locked`.execute(tx);
  return result.rows;
}

export async function markQueued(tx: ScopedTx, campaignId: string, pairs: ReadonlyArray<{ subscriberId: string; outboxId: string }>): Promise<void> {
  if (pairs.length === 0) {
    return;
  }
  await sql`
    update campaign_recipients r set outbox_id = v.outbox_id
    from unnest(${pairs.map((pair) => pair.subscriberId)}::uuid[], ${pairs.map((pair) => pair.outboxId)}::uuid[]) as v(subscriber_id, outbox_id)
    where r.campaign_id = ${campaignId} and r.subscriber_id = v.subscriber_id`.execute(tx);
}

export async function markSkipped(tx: ScopedTx, campaignId: string, skipped: ReadonlyArray<{ subscriberId: string; reason: string }>): Promise<void> {
  for (const entry of skipped) {
    await sql`update campaign_recipients set skipped = ${entry.reason} where campaign_id = ${campaignId} and subscriber_id = ${entry.subscriberId}`.execute(tx);
  }
}

/**
 * Pausing or cancelling takes back the campaign's mail that no connection has begun to
 * send. A row a connection claimed meanwhile is left to finish (its claim set
 * `smtp_started_at`, which this statement re-reads after the lock). Answers how many.
 */
export async function withdrawQueued(tx: ScopedTx, campaignId: string): Promise<number> {
  const result = await sql<{ count: number }>`
    with withdrawn as (
      delete from mail_outbox o using campaign_recipients r
      where r.campaign_id = ${campaignId} and r.outbox_id = o.id and o.status = 'queued' and o.smtp_started_at is null
      returning o.id
    ), reset as (
      update campaign_recipients set outbox_id = null where campaign_id = ${campaignId} and outbox_id in (select id from withdrawn)
      returning 1
    )
    select count(*)::int as count from reset`.execute(tx);
  return result.rows[0]!.count;
}

export async function dueScheduled(tx: ScopedTx, now: Date): Promise<Campaign[]> {
  return tx.selectFrom("campaigns").selectAll().where("status", "=", "scheduled").where("scheduled_at", "<=", now).forUpdate().skipLocked().execute();
}

export async function setStatus(tx: ScopedTx, id: string, status: CampaignStatus, extra: Updateable<CampaignTable> = {}): Promise<void> {
  await updateCampaign(tx, id, { ...extra, status });
}

/** The municipality's name, for the footer of its mail. */
export async function municipalityName(tx: ScopedTx, id: string): Promise<string> {
  const row = await tx.selectFrom("municipalities").select("name").where("id", "=", id).executeTakeFirst();
  return row?.name ?? "";
}

export async function segmentOf(tx: ScopedTx, id: string): Promise<Campaign["segment"] | undefined> {
  return (await tx.selectFrom("campaigns").select("segment").where("id", "=", id).executeTakeFirst())?.segment;
}
