import { sql, type Kysely } from "kysely";

/** The business desk: every table is tenant data under row-level security. */
const tenantTables = [
  "desk_settings",
  "desk_sla_policies",
  "desk_categories",
  "desk_case_numbers",
  "desk_cases",
  "desk_case_units",
  "desk_messages",
  "desk_attachments",
  "desk_events",
];

export async function up(db: Kysely<any>): Promise<void> {
  // The municipality's business calendar and desk settings.
  await sql`
    create table desk_settings (
      municipality_id uuid primary key references municipalities(id),
      opening_hours jsonb not null,
      closed_days date[] not null default '{}',
      warn_share numeric(3,2) not null default 0.80 check (warn_share > 0 and warn_share < 1),
      consent_text_sv text not null,
      consent_text_en text not null,
      -- The records management plan's time for business-desk cases, counted from closing.
      retention_months integer not null default 24 check (retention_months between 1 and 1200),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table desk_sla_policies (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      target_unit text not null check (target_unit in ('minutes', 'days')),
      first_response_target integer check (first_response_target > 0),
      update_target integer check (update_target > 0),
      resolution_target integer check (resolution_target > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name)
    )`.execute(db);
  await sql`
    create table desk_categories (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name_sv text not null,
      name_en text not null,
      default_unit_id uuid not null references org_units(id),
      sla_policy_id uuid not null references desk_sla_policies(id),
      urgent_policy_id uuid references desk_sla_policies(id),
      statutory text check (statutory in ('pbl_decision', 'pbl_notice')),
      position integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name_sv)
    )`.execute(db);
  await sql`
    create table desk_case_numbers (
      municipality_id uuid not null references municipalities(id),
      year integer not null,
      last integer not null,
      primary key (municipality_id, year)
    )`.execute(db);
  await sql`
    create table desk_cases (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      number text not null,
      category_id uuid not null references desk_categories(id),
      unit_id uuid not null references org_units(id),
      assignee_id uuid references users(id),
      priority text not null default 'normal' check (priority in ('normal', 'urgent')),
      status text not null default 'new' check (status in ('new', 'open', 'waiting', 'resolved', 'closed')),
      channel text not null check (channel in ('web', 'phone', 'visit', 'mail', 'counter')),
      org_number text check (org_number ~ '^[0-9]{10}$'),
      company_id uuid references companies(id),
      company_name text,
      correspondent_name text not null,
      correspondent_email text not null,
      correspondent_phone text,
      language text not null default 'sv' check (language in ('sv', 'en')),
      consent_at timestamptz,
      subject text not null,
      description text not null,
      -- The status link's token is an HMAC of the case under the installation's secret and
      -- this salt: unguessable, stored only as its hash, and made again for each reply mail.
      status_token_salt text not null,
      status_token_hash text not null unique,
      status_token_expires_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- Service-level clocks: due times and measured durations in business minutes, kept
      -- on the case so that reports never recompute history.
      sla_policy_id uuid not null references desk_sla_policies(id),
      first_response_due_at timestamptz,
      update_due_at timestamptz,
      resolution_due_at timestamptz,
      next_due_at timestamptz,
      next_warn_at timestamptz,
      first_responded_at timestamptz,
      first_response_minutes integer,
      first_response_on_time boolean,
      last_reply_at timestamptz,
      resolved_at timestamptz,
      resolution_minutes integer,
      resolution_on_time boolean,
      closed_at timestamptz,
      paused_at timestamptz,
      paused_minutes integer not null default 0,
      warned_for timestamptz,
      escalated_for timestamptz,
      -- Statutory clocks (PBL 9:27, FL 11-12 §§).
      statutory text check (statutory in ('pbl_decision', 'pbl_notice')),
      authority boolean not null,
      complete_on date,
      statutory_due_on date,
      extension_weeks integer not null default 0 check (extension_weeks between 0 and 10),
      extension_reason text,
      decided_on date,
      delay_notice_at timestamptz,
      delay_notice_reason text,
      decision_demanded_on date,
      demand_due_on date,
      unique (municipality_id, number)
    )`.execute(db);
  // The inbox: one municipality's open cases by their next deadline, and by unit.
  await sql`create index desk_cases_inbox on desk_cases (municipality_id, next_due_at, id) where status <> 'closed'`.execute(db);
  await sql`create index desk_cases_unit on desk_cases (municipality_id, unit_id, status, next_due_at)`.execute(db);
  await sql`create index desk_cases_assignee on desk_cases (assignee_id, status) where assignee_id is not null`.execute(db);
  // The dashboard reads a municipality-year of measured durations from this index alone.
  await sql`
    create index desk_cases_report on desk_cases (municipality_id, created_at)
      include (unit_id, category_id, first_response_minutes, first_response_on_time, resolution_minutes, resolution_on_time, statutory, decided_on, statutory_due_on)`.execute(
    db,
  );
  await sql`create index desk_cases_org_number on desk_cases (municipality_id, org_number) where org_number is not null`.execute(db);
  await sql`create index desk_cases_clock on desk_cases (next_warn_at) where status in ('new', 'open')`.execute(db);
  await sql`
    create table desk_case_units (
      municipality_id uuid not null references municipalities(id),
      case_id uuid not null references desk_cases(id) on delete cascade,
      unit_id uuid not null references org_units(id),
      added_at timestamptz not null default now(),
      primary key (case_id, unit_id)
    )`.execute(db);
  await sql`create index desk_case_units_unit on desk_case_units (unit_id)`.execute(db);
  await sql`
    create table desk_messages (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      case_id uuid not null references desk_cases(id) on delete cascade,
      kind text not null check (kind in ('from_business', 'to_business', 'note')),
      author_id uuid references users(id),
      body text not null,
      secret boolean not null default false,
      secret_reason text,
      mail_id uuid,
      created_at timestamptz not null default now(),
      check (not secret or secret_reason is not null)
    )`.execute(db);
  await sql`create index desk_messages_case on desk_messages (case_id, created_at)`.execute(db);
  await sql`
    create table desk_attachments (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      case_id uuid not null references desk_cases(id) on delete cascade,
      message_id uuid references desk_messages(id) on delete set null,
      filename text not null,
      content_type text not null,
      size integer not null,
      content bytea not null,
      from_business boolean not null,
      secret boolean not null default false,
      secret_reason text,
      created_at timestamptz not null default now(),
      check (not secret or secret_reason is not null)
    )`.execute(db);
  await sql`create index desk_attachments_case on desk_attachments (case_id)`.execute(db);
  await sql`
    create table desk_events (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      case_id uuid not null references desk_cases(id) on delete cascade,
      at timestamptz not null default now(),
      actor_id uuid references users(id),
      by_business boolean not null default false,
      kind text not null,
      data jsonb not null default '{}'
    )`.execute(db);
  await sql`create index desk_events_case on desk_events (case_id, at)`.execute(db);

  for (const table of tenantTables) {
    const name = sql.id(table);
    await sql`alter table ${name} enable row level security`.execute(db);
    await sql`alter table ${name} force row level security`.execute(db);
    await sql`
      create policy tenant_isolation on ${name}
        using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
        with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ${sql.join([...tenantTables].reverse().map((table) => sql.id(table)))}`.execute(db);
}
