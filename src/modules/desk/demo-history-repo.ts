/**
 * A year of the demo desk's history, so that every figure and chart of a newcomer's
 * installation shows something: some 400 closed cases over the last twelve months with
 * varied waiting (slower in the first months, faster as the year goes on, some past their
 * targets), and a few still open. PostgreSQL makes them in one statement; the cases are
 * marked "(demo)" and reach no one (no address, no mail).
 */
import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";

/** A demo category with what its history looks like. */
export interface HistoryCategory {
  id: string;
  unitId: string;
  policyId: string;
  /** The policy's targets in business minutes (a business day is 510). */
  firstResponseTarget: number;
  resolutionTarget: number;
  statutory: boolean;
  /** How many of the year's cases it gets, relative to the others. */
  weight: number;
}

const subjects = [
  "Fråga om tillstånd",
  "Tillbyggnad",
  "Ny verksamhet",
  "Lokal i centrum",
  "Uteservering",
  "Anmälan om livsmedelsverksamhet",
  "Skylt på fasaden",
  "Upphandling av städtjänster",
];

/**
 * Inserts the history and moves each year's case-number counter past it; returns how many
 * cases. `variant` draws another year of the same kind (the demo's second municipality's),
 * so that members compared side by side do not show the same figures.
 */
export async function insertDemoHistory(
  tx: ScopedTx,
  municipalityId: string,
  categories: readonly HistoryCategory[],
  now: Date,
  total = 400,
  variant = 0,
): Promise<number> {
  // Each category's share of the cases, as a list of category indexes one per slot.
  const slots = categories.flatMap((category, index) => Array.from({ length: category.weight }, () => index + 1));
  const column = <T>(pick: (category: HistoryCategory) => T) => categories.map(pick);
  const result = await sql<{ n: number }>`
    with s as (
      select g, ((g::bigint + ${variant}::bigint) * 2654435761) % 1000003 as r,
        ${now}::timestamptz - interval '365 days' + (g::double precision / ${total}) * interval '363 days' as created,
        (${slots}::int[])[1 + (g * 7) % ${slots.length}] as c
      from generate_series(1, ${total}) g
    ), t as (
      select s.*,
        created > ${now}::timestamptz - interval '21 days' as active,
        -- Waiting falls over the year: the first months at 1.4 times the end's.
        1.4 - 0.6 * g::double precision / ${total} as pace,
        (${column((category) => category.firstResponseTarget)}::int[])[c] as fr_target,
        (${column((category) => category.resolutionTarget)}::int[])[c] as res_target,
        (${column((category) => category.statutory)}::boolean[])[c] as statutory
      from s
    ), d as (
      select t.*,
        greatest(5, round(pace * fr_target * (0.1 + (r % 100) / 80.0)))::int as fr,
        greatest(60, round(pace * res_target * (0.15 + (r % 97) / 100.0)))::int as res,
        row_number() over (partition by extract(year from created at time zone 'Europe/Stockholm') order by g) as seq
      from t
    ), inserted as (
      insert into desk_cases (id, municipality_id, number, category_id, unit_id, priority, status, channel, company_name,
        correspondent_name, correspondent_phone, subject, description, status_token_salt, status_token_hash, created_at, updated_at,
        sla_policy_id, first_responded_at, first_response_minutes, first_response_on_time, last_reply_at,
        resolved_at, resolution_minutes, resolution_on_time, closed_at, statutory, authority, complete_on, statutory_due_on, decided_on)
      select gen_random_uuid(), ${municipalityId}::uuid,
        extract(year from created at time zone 'Europe/Stockholm')::int || '-' || lpad(seq::text, 4, '0'),
        (${column((category) => category.id)}::uuid[])[c], (${column((category) => category.unitId)}::uuid[])[c],
        case when r % 25 = 0 then 'urgent' else 'normal' end,
        case when not active then 'closed' else 'resolved' end,
        (array['web', 'web', 'web', 'phone', 'mail', 'visit', 'counter'])[1 + r % 7],
        'Demoföretag ' || (1 + r % 60) || ' (demo)', 'Kontakt ' || g || ' (demo)', '0583-' || lpad((r % 100000)::text, 5, '0'),
        (${subjects}::text[])[1 + r % ${subjects.length}] || ' (demo)', 'Ett ärende i demons historik.',
        -- Random link secrets: nobody can follow a demo case's status link, and no other rows' hashes collide with them.
        md5(gen_random_uuid()::text), md5(gen_random_uuid()::text), created, created,
        (${column((category) => category.policyId)}::uuid[])[c],
        created + fr * interval '1 minute' * 2.8, fr, fr <= fr_target, created + fr * interval '1 minute' * 2.8,
        created + res * interval '1 minute' * 2.8, res, res <= res_target,
        case when not active then created + res * interval '1 minute' * 2.8 + interval '2 days' end,
        case when statutory then 'pbl_decision' end, true,
        case when statutory then (created at time zone 'Europe/Stockholm')::date end,
        case when statutory then (created at time zone 'Europe/Stockholm')::date + 70 end,
        case when statutory then (created at time zone 'Europe/Stockholm')::date + 20 + (r % 65)::int end
      from d
      returning number
    ), counters as (
      insert into desk_case_numbers (municipality_id, year, last)
      select ${municipalityId}::uuid, split_part(number, '-', 1)::int, max(split_part(number, '-', 2)::int) from inserted group by 1, 2
      on conflict (municipality_id, year) do update set last = greatest(desk_case_numbers.last, excluded.last)
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
  return result.rows[0]?.n ?? 0;
}
