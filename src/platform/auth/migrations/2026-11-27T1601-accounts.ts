import { sql, type Kysely } from "kysely";

const tenantTables = ["users", "user_units", "sessions", "api_tokens"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      email text not null,
      name text not null,
      password_hash text,
      roles text[] not null default '{}',
      active boolean not null default true,
      must_change_password boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, email)
    )`.execute(db);
  await sql`alter table org_units add constraint org_units_manager foreign key (manager_id) references users(id)`.execute(db);
  await sql`
    create table user_units (
      municipality_id uuid not null references municipalities(id),
      user_id uuid not null references users(id) on delete cascade,
      unit_id uuid not null references org_units(id) on delete cascade,
      primary key (user_id, unit_id)
    )`.execute(db);
  await sql`
    create table sessions (
      id_hash text primary key,
      municipality_id uuid not null references municipalities(id),
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);
  await sql`
    create table api_tokens (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user on api_tokens (user_id)`.execute(db);
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
  await sql`alter table org_units drop constraint org_units_manager`.execute(db);
  await sql`drop table api_tokens, sessions, user_units, users`.execute(db);
}
