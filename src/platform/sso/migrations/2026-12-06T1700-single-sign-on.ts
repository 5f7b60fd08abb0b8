import { sql, type Kysely } from "kysely";

/**
 * Single sign-on with OpenID Connect, per municipality: its identity provider (issuer, the
 * client Lotsen is registered as, the client secret sealed with the installation's secret),
 * the claim that carries groups or roles and how each maps to Lotsen's roles and units, and
 * whether local passwords are off. An account remembers the provider's subject it came from;
 * a session remembers that it was opened by the provider, for single logout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table municipality_sso (
      municipality_id uuid primary key references municipalities(id) on delete cascade,
      enabled boolean not null default false,
      issuer text not null,
      client_id text not null,
      client_secret text,
      scopes text not null default 'openid profile email',
      roles_claim text not null default 'groups',
      role_map jsonb not null default '[]',
      passwords_off boolean not null default false,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table municipality_sso enable row level security`.execute(db);
  await sql`alter table municipality_sso force row level security`.execute(db);
  await sql`
    create policy tenant on municipality_sso
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
  await sql`alter table users add column external_subject text`.execute(db);
  await sql`create unique index users_external_subject on users (municipality_id, external_subject) where external_subject is not null`.execute(db);
  await sql`alter table sessions add column single_sign_on boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop column single_sign_on`.execute(db);
  await sql`drop index users_external_subject`.execute(db);
  await sql`alter table users drop column external_subject`.execute(db);
  await sql`drop table municipality_sso`.execute(db);
}
