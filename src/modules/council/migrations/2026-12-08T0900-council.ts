import { sql, type Kysely } from "kysely";

/** The business council: every table is tenant data under row-level security. */
const tenantTables = [
  "council_members",
  "council_terms",
  "council_meetings",
  "council_participants",
  "council_items",
  "council_documents",
  "council_decisions",
  "council_follow_ups",
  "council_minutes",
  "council_approvals",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table council_members (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      email text,
      phone text,
      -- The organisation the member speaks for: a company of the register (by its number), or a business organisation by name.
      organisation text not null,
      org_number text check (org_number ~ '^[0-9]{10}$'),
      company_id uuid references companies(id),
      -- The council is set up by the municipality's decision: its members' details are processed as a task of public interest.
      lawful_basis text not null default 'public_task' check (lawful_basis in ('public_task', 'consent', 'legitimate_interest')),
      basis_source text not null default '',
      erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table council_terms (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      member_id uuid not null references council_members(id) on delete cascade,
      role text not null check (role in ('chair', 'member', 'adjunct', 'secretary')),
      starts_on date not null,
      -- A term that has ended is kept: the member's history.
      ends_on date check (ends_on is null or ends_on >= starts_on),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_terms_member on council_terms (member_id)`.execute(db);
  await sql`
    create table council_meetings (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      title text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      place text,
      video_url text,
      state text not null default 'planned' check (state in ('planned', 'invited', 'held', 'drafted', 'approved', 'locked')),
      -- The member chosen to approve the minutes beside the chair (justerare).
      adjuster_id uuid references council_members(id),
      -- Why approved minutes are being corrected, while the correction is being written.
      correction_reason text,
      invitation_sequence integer not null default 0,
      invited_at timestamptz,
      held_at timestamptz,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_meetings_starts on council_meetings (municipality_id, starts_at desc)`.execute(db);
  await sql`
    create table council_participants (
      meeting_id uuid not null references council_meetings(id) on delete cascade,
      member_id uuid not null references council_members(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      -- The member's role on the meeting's day, kept as it was.
      role text not null check (role in ('chair', 'member', 'adjunct', 'secretary')),
      -- The member's own link to the meeting (agenda, documents, answer): the same in every sending, so kept as its salt and its hash.
      token_salt text,
      token_hash text unique,
      answer text check (answer in ('attending', 'absent')),
      answered_at timestamptz,
      present boolean,
      primary key (meeting_id, member_id)
    )`.execute(db);
  await sql`
    create table council_items (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      meeting_id uuid not null references council_meetings(id) on delete cascade,
      position integer not null,
      title text not null,
      presenter text,
      description text not null default '',
      -- Whether the item may be read by the public once the minutes are published.
      public boolean not null default true,
      -- The item's section in the minutes.
      minutes text not null default '',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_items_meeting on council_items (meeting_id, position)`.execute(db);
  await sql`
    create table council_documents (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      item_id uuid not null references council_items(id) on delete cascade,
      filename text not null,
      content_type text not null,
      size integer not null,
      content bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_documents_item on council_documents (item_id)`.execute(db);
  await sql`
    create table council_decisions (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      meeting_id uuid not null references council_meetings(id) on delete cascade,
      item_id uuid not null references council_items(id) on delete cascade,
      text text not null,
      action_id uuid references programme_actions(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_decisions_item on council_decisions (item_id)`.execute(db);
  await sql`create index council_decisions_action on council_decisions (action_id) where action_id is not null`.execute(db);
  await sql`
    create table council_follow_ups (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      decision_id uuid not null references council_decisions(id) on delete cascade,
      text text not null,
      owner_id uuid not null references users(id),
      due_on date not null,
      done_at timestamptz,
      reminded_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index council_follow_ups_due on council_follow_ups (municipality_id, due_on) where done_at is null`.execute(db);
  await sql`
    create table council_minutes (
      meeting_id uuid not null references council_meetings(id) on delete cascade,
      version integer not null check (version > 0),
      municipality_id uuid not null references municipalities(id),
      -- The minutes as they were sent for approval: what the chair and the adjuster approve.
      content jsonb not null,
      content_hash text not null,
      reason text,
      created_by text not null,
      created_at timestamptz not null default now(),
      approved_at timestamptz,
      primary key (meeting_id, version)
    )`.execute(db);
  await sql`
    create table council_approvals (
      meeting_id uuid not null,
      version integer not null,
      municipality_id uuid not null references municipalities(id),
      role text not null check (role in ('chair', 'adjuster')),
      member_id uuid not null references council_members(id),
      token_hash text not null unique,
      requested_at timestamptz not null default now(),
      approved_at timestamptz,
      primary key (meeting_id, version, role),
      foreign key (meeting_id, version) references council_minutes(meeting_id, version) on delete cascade
    )`.execute(db);
  // Approved minutes are the archive's: their content, and the approvals behind them, never change
  // again, even for the owner role. A correction is a new version.
  await sql`
    create function council_minutes_locked() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.approved_at is not null then
        raise exception 'approved minutes cannot be removed' using errcode = 'P0001';
      end if;
      if tg_op = 'UPDATE' and old.approved_at is not null then
        raise exception 'approved minutes cannot be changed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger council_minutes_locked before update or delete on council_minutes for each row execute function council_minutes_locked()`.execute(
    db,
  );
  await sql`
    create function council_approvals_locked() returns trigger language plpgsql as $$
    begin
      -- An approval given stands; it goes only with a version taken back before both had approved.
      if tg_op = 'UPDATE' and old.approved_at is not null then
        raise exception 'an approval cannot be changed' using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' and exists (
        select 1 from council_minutes m where m.meeting_id = old.meeting_id and m.version = old.version and m.approved_at is not null
      ) then
        raise exception 'the approvals of approved minutes cannot be removed' using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger council_approvals_locked before update or delete on council_approvals for each row execute function council_approvals_locked()`.execute(
    db,
  );
  for (const table of tenantTables) {
    await sql`alter table ${sql.id(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.id(table)} force row level security`.execute(db);
    await sql`
      create policy tenant_isolation on ${sql.id(table)}
        using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
        with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...tenantTables].reverse()) {
    await sql`drop table ${sql.id(table)}`.execute(db);
  }
  await sql`drop function council_minutes_locked()`.execute(db);
  await sql`drop function council_approvals_locked()`.execute(db);
}
