import { sql, type Kysely } from "kysely";

/**
 * A host name belongs to one municipality, held by the database rather than by a check in
 * the code (two administrators saving at once both passed the check). `municipality_hosts`
 * mirrors `municipalities.hosts` through a trigger, and its primary key refuses a host
 * that another municipality already has.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table municipality_hosts (
      host text primary key,
      municipality_id uuid not null references municipalities(id) on delete cascade
    )`.execute(db);
  await sql`create index municipality_hosts_municipality on municipality_hosts (municipality_id)`.execute(db);
  await sql`insert into municipality_hosts (host, municipality_id) select distinct unnest(hosts), id from municipalities`.execute(db);
  await sql`
    create function municipality_hosts_sync() returns trigger language plpgsql as $$
    begin
      delete from municipality_hosts where municipality_id = new.id;
      insert into municipality_hosts (host, municipality_id) select distinct unnest(new.hosts), new.id;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger municipality_hosts_sync after insert or update of hosts on municipalities
      for each row execute function municipality_hosts_sync()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger municipality_hosts_sync on municipalities`.execute(db);
  await sql`drop function municipality_hosts_sync()`.execute(db);
  await sql`drop table municipality_hosts`.execute(db);
}
