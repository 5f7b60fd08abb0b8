import { sql, type RawBuilder } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Segment } from "./tables.js";

/**
 * Why a subscriber in a segment is left out; null when the mail may go to them.
 *
 * - `blocked`: the address bounced (hard, or soft too often) or complained.
 * - `opted_out`: the subscriber left everything.
 * - `unconfirmed`: asked for a list but has not followed the confirmation link.
 * - `unsubscribed`: left the campaign's lists.
 * - `sole_trader_without_consent`: a sole trader is a person, so mail needs their prior consent.
 * - `advertising_opt_out`: the company has SCB's advertising opt-out in the register.
 */
export const leftOutReasons = ["blocked", "opted_out", "unconfirmed", "unsubscribed", "sole_trader_without_consent", "advertising_opt_out"] as const;
export type LeftOutReason = (typeof leftOutReasons)[number];

export interface SegmentMember {
  id: string;
  email: string;
  name: string | null;
  company_name: string | null;
  left_out: LeftOutReason | null;
}

/**
 * Everyone a segment reaches, each with why they are left out or null.
 *
 * With lists chosen, the campaign goes by consent: to those confirmed on one of them.
 * Without lists, it is information to the companies of the register that the segment
 * names, through the subscribers linked to them: a company (a legal person) may receive
 * it unless it opted out, but a sole trader is a person and needs consent (a confirmed
 * list), and the register's advertising opt-out is respected. Consent given to a list
 * goes before the register's general opt-out.
 */
export function segmentMembers(segment: Segment): RawBuilder<SegmentMember> {
  const lists = segment.list_ids;
  const byLists = lists.length > 0;
  const sectionKeys = segment.sections.flatMap((section) => [`2007:${section}`, `2025:${section}`]);
  const conditions: RawBuilder<unknown>[] = [
    byLists ? sql`exists (select 1 from subscriptions x where x.subscriber_id = s.id and x.list_id = any(${lists}::uuid[]))` : sql`s.company_id is not null`,
  ];
  if (sectionKeys.length > 0) {
    conditions.push(sql`c.industry_keys && ${sectionKeys}::text[]`);
  }
  if (segment.size_classes.length > 0) {
    conditions.push(sql`c.size_class = any(${segment.size_classes}::text[])`);
  }
  if (segment.tags.length > 0) {
    conditions.push(sql`p.tags && ${segment.tags}::text[]`);
  }
  if (segment.in_area) {
    conditions.push(sql`s.company_id in (select l.company_id from company_links l)`);
  }
  const consented = byLists
    ? sql`exists (select 1 from subscriptions x where x.subscriber_id = s.id and x.status = 'confirmed' and x.list_id = any(${lists}::uuid[]))`
    : sql`exists (select 1 from subscriptions x where x.subscriber_id = s.id and x.status = 'confirmed')`;
  const pending = byLists
    ? sql`exists (select 1 from subscriptions x where x.subscriber_id = s.id and x.status = 'unconfirmed' and x.list_id = any(${lists}::uuid[]))`
    : sql`false`;
  return sql<SegmentMember>`
    select id, email, name, company_name,
      case
        when blocked_at is not null then 'blocked'
        when opted_out_at is not null then 'opted_out'
        when consented then null
        when ${byLists} and pending then 'unconfirmed'
        when ${byLists} then 'unsubscribed'
        when is_person then 'sole_trader_without_consent'
        when advertising_opt_out then 'advertising_opt_out'
        else null
      end as left_out
    from (
      select s.id, s.email, s.name, s.blocked_at, s.opted_out_at, c.name as company_name, coalesce(c.is_person, false) as is_person, coalesce(c.advertising_opt_out, false) as advertising_opt_out,
        ${consented} as consented, ${pending} as pending
      from subscribers s
      left join companies c on c.id = s.company_id
      left join company_profiles p on p.company_id = s.company_id
      where ${sql.join(conditions, sql` and `)}
    ) m`;
}

export interface SegmentPreview {
  included: number;
  leftOut: Partial<Record<LeftOutReason, number>>;
  sampleIncluded: SegmentMember[];
  sampleLeftOut: SegmentMember[];
}

/** The count and a sample of who a segment reaches and who it leaves out, and why. */
export async function previewSegment(tx: ScopedTx, segment: Segment, sample = 25): Promise<SegmentPreview> {
  const members = segmentMembers(segment);
  const counts = await sql<{
    left_out: LeftOutReason | null;
    count: number;
  }>`select left_out, count(*)::int as count from (${members}) m group by left_out`.execute(tx);
  const included = await sql<SegmentMember>`select * from (${members}) m where left_out is null order by email limit ${sample}`.execute(tx);
  const leftOut = await sql<SegmentMember>`select * from (${members}) m where left_out is not null order by left_out, email limit ${sample}`.execute(tx);
  const preview: SegmentPreview = { included: 0, leftOut: {}, sampleIncluded: included.rows, sampleLeftOut: leftOut.rows };
  for (const row of counts.rows) {
    if (row.left_out === null) {
      preview.included = row.count;
    } else {
      preview.leftOut[row.left_out] = row.count;
    }
  }
  return preview;
}

/** Fixes who a campaign goes to when its sending starts; a restart adds nobody twice. Answers the count. */
export async function snapshotRecipients(tx: ScopedTx, municipalityId: string, campaignId: string, segment: Segment): Promise<number> {
  await sql`
    insert into campaign_recipients (municipality_id, campaign_id, subscriber_id)
    select ${municipalityId}, ${campaignId}, id from (${segmentMembers(segment)}) m where left_out is null
    on conflict do nothing`.execute(tx);
  const result = await sql<{ count: number }>`select count(*)::int as count from campaign_recipients where campaign_id = ${campaignId}`.execute(tx);
  return result.rows[0]!.count;
}
