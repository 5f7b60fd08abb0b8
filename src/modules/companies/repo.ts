import { sql, type Insertable, type RawBuilder, type Selectable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { CompanyAreaTable, CompanyProfileTable, CompanyStatus, CompanyTable, LinkReason } from "./tables.js";
import "./tables.js";

export type Company = Omit<Selectable<CompanyTable>, "search_vector" | "area_key" | "town_key">;
export type CompanyProfile = Selectable<CompanyProfileTable> & { owner_name: string | null };
export type CompanyArea = Selectable<CompanyAreaTable>;

export interface CompanyFilter {
  q: string;
  /** `2025:C`, `2007:62`: an SNI section, division or code with its version. */
  industry: string | null;
  size: string | null;
  status: CompanyStatus | null;
  tag: string | null;
  owner: string | null;
  /** The municipality's own companies (its area and those linked to it), or the whole country. */
  reach: "own" | "all";
  page: number;
}

export interface CompanyHit {
  id: string;
  org_number: string;
  name: string;
  town: string | null;
  status: CompanyStatus;
  is_person: boolean;
  legal_form_code: string | null;
  legal_form_token: string | null;
  size_class: string | null;
  industry_text: string;
  owner_name: string | null;
  tags: string[] | null;
  /** How many companies matched, counted up to `matchCap`. */
  matches: number;
}

export const pageSize = 25;

/** The words of a search, for prefix matching: letters and digits only, so they are safe in a tsquery. */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
}

/**
 * One search over the register, in Swedish name order. Each word is matched through the
 * register's vocabulary: as the exact lexemes it is a prefix of ("mek" → "mekanisk"), in
 * any order, so "askersund mek" finds "Askersunds Mekaniska Verkstad AB"; with mode
 * "similar", as the lexemes nearest to it by trigram similarity, which forgives typos.
 * Exact lexemes let PostgreSQL intersect the text index's posting lists instead of reading
 * every company that has a common word. Digits search the organisation number.
 */
export async function searchCompanies(tx: ScopedTx, filter: CompanyFilter, area: CompanyArea | undefined, mode: "words" | "similar"): Promise<CompanyHit[]> {
  const words = searchWords(filter.q);
  const digits = filter.q.replace(/[\s-]/g, "");
  const conditions = [sql`true`];
  let text = sql`true`;
  if (/^\d{6,12}$/.test(digits)) {
    // A prefix as a range, so the unique index on the number answers it.
    const number = digits.length === 12 ? digits.slice(2) : digits;
    const next = String(BigInt(number) + 1n).padStart(number.length, "0");
    conditions.push(
      number.length === 10
        ? sql`c.org_number = ${number}`
        : next.length > number.length
          ? sql`c.org_number >= ${number}`
          : sql`c.org_number >= ${number} and c.org_number < ${next}`,
    );
  } else if (words.length > 0) {
    const query = await textQuery(tx, words, mode);
    if (query === null) {
      return [];
    }
    text = sql`c.search_vector @@ to_tsquery('simple', ${query})`;
  }
  if (filter.reach === "own") {
    conditions.push(ownCondition(area, text));
  } else {
    conditions.push(text);
  }
  if (filter.industry) {
    conditions.push(sql`c.industry_keys @> array[${filter.industry}]::text[]`);
  }
  if (filter.size) {
    conditions.push(sql`c.size_class = ${filter.size}`);
  }
  if (filter.status) {
    conditions.push(sql`c.status = ${filter.status}`);
  }
  if (filter.tag) {
    conditions.push(sql`p.tags @> array[${filter.tag}]::text[]`);
  }
  if (filter.owner) {
    conditions.push(sql`p.owner_id = ${filter.owner}`);
  }
  const unfiltered = filter.reach === "all" && conditions.length === 2 && words.length === 0 && !/^\d{6,12}$/.test(digits);
  if (unfiltered) {
    // The whole register in name order: the name index answers it page by page.
    const all = await sql<CompanyHit>`
      select c.id, c.org_number, c.name, c.town, c.status, c.is_person, c.legal_form_code, c.legal_form_token, c.size_class, c.industry_text, u.name as owner_name, p.tags, 0 as matches
      from companies c left join company_profiles p on p.company_id = c.id left join users u on u.id = p.owner_id
      order by left(c.name, 200) collate "sv-SE-x-icu", c.id
      limit ${pageSize + 1} offset ${(filter.page - 1) * pageSize}`.execute(tx);
    return all.rows;
  }
  // At most `matchCap` matches are sorted by name: a common word across the country costs
  // a bounded read, never one of every company that has it. The page says when it capped.
  // The matches carry what the page shows, so no company is read twice.
  const result = await sql<CompanyHit>`
    with hits as materialized (
      select c.id, c.org_number, c.name, c.town, c.status, c.is_person, c.legal_form_code, c.legal_form_token, c.size_class, c.industry_text, p.owner_id, p.tags
      from companies c left join company_profiles p on p.company_id = c.id
      where ${sql.join(conditions, sql` and `)}
      limit ${matchCap}
    )
    select h.id, h.org_number, h.name, h.town, h.status, h.is_person, h.legal_form_code, h.legal_form_token, h.size_class, h.industry_text, u.name as owner_name, h.tags,
           (select count(*) from hits)::int as matches
    from hits h
    left join users u on u.id = h.owner_id
    order by left(h.name, 200) collate "sv-SE-x-icu", h.id
    limit ${pageSize + 1} offset ${(filter.page - 1) * pageSize}`.execute(tx);
  return result.rows;
}

/** The most matches one search sorts; past it, the page asks for more words or a filter. */
export const matchCap = 2000;

/** More lexemes than this under one prefix: search the prefix itself (a one- or two-letter word). */
const expansionLimit = 50;

/**
 * The tsquery (in the `simple` configuration: its terms are lexemes already) for the
 * words, or null when a word can match nothing. Unknown to the vocabulary (a company added
 * since the last rebuild), a word is still searched as its own stem and as a prefix.
 */
async function textQuery(tx: ScopedTx, words: string[], mode: "words" | "similar"): Promise<string | null> {
  const candidates =
    mode === "words"
      ? sql`array(select l.lexeme from company_lexemes l where l.lexeme like s.stem || '%' order by l.documents desc limit ${expansionLimit + 1})`
      : sql`array(select l.lexeme from company_lexemes l where l.lexeme % w.word order by similarity(l.lexeme, w.word) desc, l.documents desc limit 5)`;
  const result = await sql<{ stem: string; lexemes: string[] }>`
    select s.stem, ${candidates} as lexemes
    from unnest(${words}::text[]) with ordinality as w(word, n)
    cross join lateral (select coalesce((select x from unnest(tsvector_to_array(to_tsvector('swedish', w.word))) x limit 1), '') as stem) s
    where s.stem <> ''
    order by w.n`.execute(tx);
  const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''")}'`;
  const terms: string[] = [];
  for (const { stem, lexemes } of result.rows) {
    if (mode === "similar") {
      if (lexemes.length === 0) {
        return null;
      }
      terms.push(`(${lexemes.map(quote).join(" | ")})`);
    } else if (lexemes.length === 0 || lexemes.length > expansionLimit) {
      terms.push(`${quote(stem)}:*`);
    } else {
      terms.push(`(${[...new Set([stem, ...lexemes])].map(quote).join(" | ")})`);
    }
  }
  return terms.length > 0 ? terms.join(" & ") : null;
}

/**
 * A company is the municipality's own when it lies in its postcode areas or towns, or is
 * linked to it. Each branch carries the text condition, so PostgreSQL answers each from
 * the one text-and-area index and combines them (BitmapOr).
 */
function ownCondition(area: CompanyArea | undefined, text: RawBuilder<unknown>) {
  const branches = [sql`(c.id = any(array(select l.company_id from company_links l)) and ${text})`];
  const postcodes = area?.postcodes ?? [];
  const threeDigit = postcodes.filter((postcode) => postcode.length === 3);
  if (threeDigit.length > 0) {
    branches.push(sql`(c.area_key = any(${threeDigit}::text[]) and ${text})`);
  }
  for (const longer of postcodes.filter((postcode) => postcode.length > 3)) {
    branches.push(sql`(c.area_key = ${longer.slice(0, 3)} and c.postcode like ${`${longer}%`} and ${text})`);
  }
  if (area && area.towns.length > 0) {
    branches.push(sql`(c.town_key = any(${area.towns.map((town) => town.toUpperCase())}::text[]) and ${text})`);
  }
  return sql`(${sql.join(branches, sql` or `)})`;
}

export function findCompany(tx: ScopedTx, id: string): Promise<Company | undefined> {
  return tx
    .selectFrom("companies")
    .select([
      "id",
      "org_number",
      "is_person",
      "name",
      "legal_form_code",
      "legal_form_token",
      "status",
      "registered_on",
      "deregistered_on",
      "deregistration_reason",
      "street",
      "care_of",
      "postcode",
      "town",
      "size_class",
      "web",
      "phone",
      "email",
      "description",
      "advertising_opt_out",
      "industries",
      "industry_keys",
      "industry_text",
      "sources",
      "missing_from",
      "created_at",
      "updated_at",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findCompanyIdByNumber(tx: ScopedTx, orgNumber: string): Promise<string | undefined> {
  return (await tx.selectFrom("companies").select("id").where("org_number", "=", orgNumber).executeTakeFirst())?.id;
}

/** A company of the register by its number, with its name: whom another module's record speaks for. */
export function findCompanyNameByNumber(tx: ScopedTx, orgNumber: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom("companies").select(["id", "name"]).where("org_number", "=", orgNumber).executeTakeFirst();
}

export async function isOwn(tx: ScopedTx, company: Company, area: CompanyArea | undefined): Promise<{ own: boolean; linked: LinkReason | null }> {
  const link = await tx.selectFrom("company_links").select("reason").where("company_id", "=", company.id).executeTakeFirst();
  const inArea =
    (area?.postcodes ?? []).some((postcode) => company.postcode?.startsWith(postcode)) ||
    (area?.towns ?? []).some((town) => town.toUpperCase() === company.town?.toUpperCase());
  return { own: inArea || link !== undefined, linked: link?.reason ?? null };
}

export async function link(tx: ScopedTx, municipalityId: string, companyId: string, reason: LinkReason): Promise<boolean> {
  const result = await tx
    .insertInto("company_links")
    .values({ municipality_id: municipalityId, company_id: companyId, reason })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function unlink(tx: ScopedTx, companyId: string): Promise<void> {
  await tx.deleteFrom("company_links").where("company_id", "=", companyId).execute();
}

export function findProfile(tx: ScopedTx, companyId: string): Promise<CompanyProfile | undefined> {
  return tx
    .selectFrom("company_profiles as p")
    .leftJoin("users as u", "u.id", "p.owner_id")
    .selectAll("p")
    .select("u.name as owner_name")
    .where("p.company_id", "=", companyId)
    .executeTakeFirst();
}

export async function saveProfile(tx: ScopedTx, values: Insertable<CompanyProfileTable>): Promise<void> {
  await tx
    .insertInto("company_profiles")
    .values({ ...values, updated_at: new Date() })
    .onConflict((conflict) =>
      conflict
        .columns(["municipality_id", "company_id"])
        .doUpdateSet({ owner_id: values.owner_id, tags: values.tags ?? [], notes: values.notes ?? "", updated_at: new Date() }),
    )
    .execute();
}

/** Every tag the municipality uses, for the filter. */
export async function listTags(tx: ScopedTx): Promise<string[]> {
  const result = await sql<{ tag: string }>`select distinct unnest(tags) as tag from company_profiles order by 1`.execute(tx);
  return result.rows.map((row) => row.tag);
}

export function findArea(tx: ScopedTx): Promise<CompanyArea | undefined> {
  return tx.selectFrom("company_areas").selectAll().executeTakeFirst();
}

export async function saveArea(tx: ScopedTx, values: Insertable<CompanyAreaTable>): Promise<void> {
  await tx
    .insertInto("company_areas")
    .values({ ...values, updated_at: new Date() })
    .onConflict((conflict) =>
      conflict.column("municipality_id").doUpdateSet({
        postcodes: values.postcodes ?? [],
        towns: values.towns ?? [],
        contact_retention_months: values.contact_retention_months ?? 36,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** Links every organisation an upload's run saw to the municipality that uploaded it. */
export async function linkImported(tx: ScopedTx, municipalityId: string, orgNumbers: string[]): Promise<number> {
  const result = await sql`
    insert into company_links (municipality_id, company_id, reason)
    select ${municipalityId}::uuid, c.id, 'import' from companies c where c.org_number = any(${orgNumbers}::text[])
    on conflict do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** The municipality's active staff (or those of them with the given ids), by name. */
export function listStaff(tx: ScopedTx, municipalityId: string, ids?: string[]): Promise<Array<{ id: string; name: string }>> {
  let query = tx.selectFrom("users").select(["id", "name"]).where("active", "=", true).where("municipality_id", "=", municipalityId);
  if (ids) {
    query = query.where("id", "in", ids);
  }
  return query.orderBy("name").execute();
}
