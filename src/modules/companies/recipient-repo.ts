import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import "./tables.js";

/**
 * The municipality's own companies (its list: linked by import, visit, contact, case or
 * event) that have somewhere to write to: the company's own address, else the address of
 * its contact seen most recently. A sole trader is a person; the caller knows by `is_person`.
 */
export async function ownCompaniesToWrite(
  tx: ScopedTx,
): Promise<Array<{ id: string; org_number: string; name: string; is_person: boolean; email: string; contact_name: string | null }>> {
  const result = await sql<{ id: string; org_number: string; name: string; is_person: boolean; email: string; contact_name: string | null }>`
    select c.id, c.org_number, c.name, c.is_person, coalesce(nullif(lower(c.email), ''), contact.email) as email, case when nullif(c.email, '') is null then contact.name end as contact_name
    from company_links l
    join companies c on c.id = l.company_id
    left join lateral (
      select lower(k.email) as email, k.name from contact_companies kc join contacts k on k.id = kc.contact_id
      where kc.company_id = c.id and k.email is not null order by k.touched_at desc limit 1
    ) contact on true
    where c.status = 'active' and coalesce(nullif(c.email, ''), contact.email) is not null
    order by c.name`.execute(tx);
  return result.rows;
}
