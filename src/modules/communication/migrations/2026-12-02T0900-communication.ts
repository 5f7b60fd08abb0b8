import { sql, type Kysely } from "kysely";

/** Communication: every table is tenant data under row-level security. */
const tenantTables = [
  "news_posts",
  "mailing_lists",
  "subscribers",
  "subscriptions",
  "campaigns",
  "campaign_recipients",
  "mail_bounces",
  "events",
  "event_registrations",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table news_posts (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      title text not null,
      summary text not null,
      body text not null,
      language text not null default 'sv' check (language in ('sv', 'en')),
      focus_area_ids uuid[] not null default '{}',
      -- Null is a draft; a time in the future is scheduled; a time passed is published.
      publish_at timestamptz,
      author_id uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, slug)
    )`.execute(db);
  await sql`create index news_posts_published on news_posts (municipality_id, publish_at desc) where publish_at is not null`.execute(db);

  await sql`
    create table mailing_lists (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name_sv text not null,
      name_en text not null,
      description_sv text not null default '',
      description_en text not null default '',
      public boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name_sv)
    )`.execute(db);
  await sql`
    create table subscribers (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      email text not null check (email = lower(email)),
      name text,
      company_id uuid references companies(id),
      language text not null default 'sv' check (language in ('sv', 'en')),
      -- The preference link is an HMAC under the installation secret and this salt; a new salt ends every old link.
      token_salt text not null,
      -- Left everything: no list and no information mail either, until the subscriber asks again.
      opted_out_at timestamptz,
      soft_bounces integer not null default 0,
      blocked_at timestamptz,
      block_reason text check (block_reason in ('hard_bounce', 'soft_bounces', 'complaint')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, email)
    )`.execute(db);
  await sql`create index subscribers_company on subscribers (company_id) where company_id is not null`.execute(db);
  await sql`
    create table subscriptions (
      municipality_id uuid not null references municipalities(id),
      subscriber_id uuid not null references subscribers(id) on delete cascade,
      list_id uuid not null references mailing_lists(id) on delete cascade,
      status text not null check (status in ('unconfirmed', 'confirmed', 'unsubscribed')),
      -- How consent was given: the double opt-in link, or entered by staff with its source.
      consent_method text not null check (consent_method in ('double_opt_in', 'staff')),
      consent_source text,
      requested_at timestamptz not null default now(),
      confirmed_at timestamptz,
      unsubscribed_at timestamptz,
      unsubscribe_method text check (unsubscribe_method in ('one_click', 'preferences', 'staff', 'erasure')),
      updated_at timestamptz not null default now(),
      primary key (subscriber_id, list_id)
    )`.execute(db);
  await sql`create index subscriptions_list on subscriptions (list_id, status)`.execute(db);

  await sql`
    create table campaigns (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      subject text not null,
      body text not null,
      language text not null default 'sv' check (language in ('sv', 'en')),
      segment jsonb not null,
      -- Shown in the public archive once sent.
      archive boolean not null default true,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'sending', 'paused', 'cancelled', 'sent')),
      scheduled_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      recipients integer,
      -- The body its mails share (with each recipient's links as placeholders), made when sending starts.
      mail_body_id uuid references mail_bodies(id),
      -- Where the campaign's links point: the municipality's host it was sent from.
      link_base text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index campaigns_due on campaigns (scheduled_at) where status = 'scheduled'`.execute(db);
  // Who a campaign goes to, fixed when sending starts; the outbox row once its mail is queued.
  await sql`
    create table campaign_recipients (
      municipality_id uuid not null references municipalities(id),
      campaign_id uuid not null references campaigns(id) on delete cascade,
      subscriber_id uuid not null references subscribers(id) on delete cascade,
      outbox_id uuid,
      -- Left out when its turn came: blocked, left, or no longer on the campaign's lists.
      skipped text,
      primary key (campaign_id, subscriber_id)
    )`.execute(db);
  await sql`create index campaign_recipients_waiting on campaign_recipients (campaign_id) where outbox_id is null and skipped is null`.execute(db);
  await sql`create index campaign_recipients_outbox on campaign_recipients (outbox_id) where outbox_id is not null`.execute(db);
  await sql`
    create table mail_bounces (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      subscriber_id uuid references subscribers(id) on delete cascade,
      kind text not null check (kind in ('hard', 'soft', 'complaint')),
      source text not null check (source in ('smtp', 'report')),
      detail text not null default '',
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table events (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      title text not null,
      description text not null default '',
      kind text not null check (kind in ('breakfast', 'seminar', 'council_open', 'other')),
      language text not null default 'sv' check (language in ('sv', 'en')),
      place text,
      online_url text,
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      capacity integer check (capacity > 0),
      registration_deadline timestamptz,
      questions jsonb not null default '[]',
      public boolean not null default true,
      status text not null default 'published' check (status in ('draft', 'published', 'cancelled')),
      reminder_hours integer not null default 24 check (reminder_hours between 0 and 336),
      link_base text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index events_upcoming on events (municipality_id, starts_at)`.execute(db);
  await sql`
    create table event_registrations (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      event_id uuid not null references events(id) on delete cascade,
      name text not null,
      email text not null check (email = lower(email)),
      company_name text,
      org_number text check (org_number ~ '^[0-9]{10}$'),
      company_id uuid references companies(id),
      answers jsonb not null default '{}',
      status text not null check (status in ('registered', 'waiting', 'cancelled')),
      language text not null default 'sv' check (language in ('sv', 'en')),
      token_salt text not null,
      token_hash text not null unique,
      consent_at timestamptz not null,
      promoted_at timestamptz,
      reminded_at timestamptz,
      checked_in_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index event_registrations_once on event_registrations (event_id, email) where status <> 'cancelled'`.execute(db);
  await sql`create index event_registrations_queue on event_registrations (event_id, status, created_at)`.execute(db);
  await sql`create index event_registrations_company on event_registrations (company_id) where company_id is not null`.execute(db);

  for (const table of tenantTables) {
    await sql`alter table ${sql.id(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.id(table)} force row level security`.execute(db);
    await sql`
      create policy tenant_isolation on ${sql.id(table)}
        using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
        with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
    `.execute(db);
  }
  // A company whose people register for an event becomes one of the municipality's own.
  await sql`alter table company_links drop constraint company_links_reason_check`.execute(db);
  await sql`alter table company_links add constraint company_links_reason_check check (reason in ('manual', 'visit', 'contact', 'import', 'case', 'event'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from company_links where reason = 'event'`.execute(db);
  await sql`alter table company_links drop constraint company_links_reason_check`.execute(db);
  await sql`alter table company_links add constraint company_links_reason_check check (reason in ('manual', 'visit', 'contact', 'import', 'case'))`.execute(db);
  for (const table of [...tenantTables].reverse()) {
    await sql`drop table ${sql.id(table)}`.execute(db);
  }
}
