import { sql, type Kysely } from "kysely";

/** Service measurement: every table is tenant data under row-level security. */
const tenantTables = ["survey_surveys", "survey_questions", "survey_categories", "survey_invitations", "survey_answers", "survey_column_mappings"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table survey_surveys (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      -- After a case (NKI), or the yearly business climate asked of the municipality's own companies.
      kind text not null default 'after_case' check (kind in ('after_case', 'climate')),
      name_sv text not null,
      name_en text not null,
      intro_sv text not null default '',
      intro_en text not null default '',
      -- When the cases of a period are asked: as each closes, or in a batch once the month or quarter has ended.
      timing text not null check (timing in ('closing', 'monthly', 'quarterly', 'yearly')),
      -- Answers are given on 1..scale_max and stored so; the index is computed by the transform.
      scale_max smallint not null default 10 check (scale_max between 4 and 11),
      transform text not null default 'linear' check (transform in ('linear', 'share')),
      reminders smallint not null default 3 check (reminders between 0 and 3),
      reminder_days smallint not null default 7 check (reminder_days between 1 and 60),
      -- Days a link stays valid after the last mail.
      answer_days smallint not null default 30 check (answer_days between 1 and 365),
      active boolean not null default false,
      -- Cases closed before this instant have been considered; an activated survey starts from its activation.
      swept_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name_sv)
    )`.execute(db);
  await sql`
    create table survey_questions (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      survey_id uuid not null references survey_surveys(id) on delete cascade,
      position integer not null,
      -- factor: one of the six service factors; overall: one of the three NKI questions; climate: the
      -- business climate's summary grade; scale or text: any other, the municipality's own among them.
      kind text not null check (kind in ('factor', 'overall', 'climate', 'scale', 'text')),
      code text check (code in ('information', 'tillganglighet', 'bemotande', 'kompetens', 'rattssakerhet', 'effektivitet', 'satisfaction', 'expectations', 'ideal', 'climate')),
      text_sv text not null,
      text_en text not null,
      created_at timestamptz not null default now(),
      check ((kind in ('factor', 'overall', 'climate')) = (code is not null)),
      unique (survey_id, code)
    )`.execute(db);
  await sql`
    create table survey_categories (
      survey_id uuid not null references survey_surveys(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      category_id uuid not null references desk_categories(id) on delete cascade,
      area text not null check (area in ('bygglov', 'miljo', 'livsmedel', 'servering', 'brandskydd', 'markupplatelse', 'foretagslots', 'egen')),
      primary key (survey_id, category_id)
    )`.execute(db);
  await sql`
    create table survey_invitations (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      survey_id uuid not null references survey_surveys(id) on delete cascade,
      source text not null check (source in ('desk', 'upload', 'register')),
      -- What the answer is measured against; kept when the person is forgotten.
      area text not null,
      unit_id uuid,
      category_id uuid,
      closed_on date not null,
      waiting_days numeric(7, 1),
      on_time boolean,
      period text not null,
      -- Once per business and period: an HMAC of the organisation number, else the address, under the installation's secret.
      business_key text not null,
      -- Never twice about one case: an HMAC of the case under the installation's secret, kept when the case link goes.
      case_key text not null,
      -- Who is asked, kept only while reminders need it.
      case_id uuid references desk_cases(id) on delete set null,
      case_number text,
      org_number text,
      company_name text,
      contact_name text,
      email text check (email = lower(email)),
      phone text,
      language text not null default 'sv' check (language in ('sv', 'en')),
      token_salt text,
      token_hash text unique,
      expires_at timestamptz not null,
      sent_at timestamptz not null default now(),
      reminders_sent smallint not null default 0,
      next_reminder_at timestamptz,
      opted_out_at timestamptz,
      answered_at timestamptz,
      forgotten_at timestamptz,
      -- Each respondent's indexes (0-100), worked out from the raw answers at sending and again when the transform changes.
      nki numeric(5, 2),
      information numeric(5, 2),
      tillganglighet numeric(5, 2),
      bemotande numeric(5, 2),
      kompetens numeric(5, 2),
      rattssakerhet numeric(5, 2),
      effektivitet numeric(5, 2),
      climate numeric(5, 2),
      created_at timestamptz not null default now(),
      -- Never twice about one case, whichever survey asks.
      unique (municipality_id, case_key),
      unique (survey_id, period, business_key)
    )`.execute(db);
  await sql`create index survey_invitations_results on survey_invitations (municipality_id, survey_id, closed_on)`.execute(db);
  // Every survey after cases of a period (the results page's default) reads by date alone.
  await sql`create index survey_invitations_period on survey_invitations (municipality_id, closed_on)`.execute(db);
  await sql`create index survey_invitations_reminders on survey_invitations (next_reminder_at) where next_reminder_at is not null`.execute(db);
  await sql`create index survey_invitations_email on survey_invitations (municipality_id, email) where email is not null`.execute(db);
  await sql`
    create table survey_answers (
      invitation_id uuid not null references survey_invitations(id) on delete cascade,
      question_id uuid not null references survey_questions(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      value smallint,
      scale_max smallint,
      text text,
      -- Free text is read by staff only; this keeps a text out of what is shown beyond them.
      text_hidden boolean not null default false,
      primary key (invitation_id, question_id),
      check ((value is null) or (value between 1 and scale_max))
    )`.execute(db);
  await sql`
    create table survey_column_mappings (
      municipality_id uuid primary key references municipalities(id),
      -- Lotsen's field → the column's heading in the municipality's case list (each year's Insikt template may differ).
      columns jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // The businesses' own words are a few of the answers: the results page finds them by this.
  await sql`create index survey_answers_texts on survey_answers (municipality_id) where text is not null`.execute(db);
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
}
