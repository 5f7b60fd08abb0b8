import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { Catalogue } from "../../platform/db/catalogues.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import * as contactRepo from "./contact-repo.js";
import { importCompanies, type ImportSummary } from "./import/importer.js";
import type { Reason } from "./import/record.js";
import { authorizeCompanies, canCompanies } from "./policy.js";
import { companyCatalogues } from "./catalogues.js";
import * as repo from "./repo.js";
import type { AreaInput, ProfileInput } from "./schemas.js";
import { timelineOf, type TimelineEntry } from "./timeline.js";
import * as visitRepo from "./visit-repo.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { CompanyFilter, CompanyArea } from "./repo.js";

type Audit = { action: string; recordType: string; recordId: string | null; changes?: Record<string, unknown> };
export const audit = (tx: ScopedTx, ctx: OperationContext, event: Audit) => recordAudit(tx, ctx.actor, event, ctx.requestId);

export interface SearchResult {
  hits: repo.CompanyHit[];
  hasMore: boolean;
  /** "similar" when no company had every word and the typo-tolerant match answered. */
  mode: "words" | "similar";
  areaSet: boolean;
  /** When more companies matched than one search sorts: that limit (`repo.matchCap`). */
  cappedAt: number | null;
}

/**
 * A search's result, kept per municipality and filter until the register, the municipality's
 * knowledge of it, its area or its staff change (`Catalogue`): the register changes at an
 * import, and is searched all day. The same object is handed out until then, so a page may
 * keep its rendering by it.
 */
const keptSearches = new Catalogue<SearchResult, string>(
  ["companies", "company_profiles", "company_links", "company_lexemes", "company_areas", "users"],
  (tx, key) => search(tx, JSON.parse(key) as repo.CompanyFilter),
);

/** The filter's own fields, in one order: its key among the kept searches. */
const searchKey = (filter: repo.CompanyFilter) =>
  JSON.stringify({
    q: filter.q,
    industry: filter.industry,
    size: filter.size,
    status: filter.status,
    tag: filter.tag,
    owner: filter.owner,
    reach: filter.reach,
    page: filter.page,
  } satisfies repo.CompanyFilter);

export async function searchCompanies(ctx: OperationContext, filter: repo.CompanyFilter): Promise<SearchResult> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, (tx) => keptSearches.get(tx, searchKey(filter)));
}

/** The search page in one transaction: the results and the filters' choices (staff, tags). */
export async function searchPage(
  ctx: OperationContext,
  filter: repo.CompanyFilter,
): Promise<{ result: SearchResult; staff: Array<{ id: string; name: string }>; tags: string[] }> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const [result, staff, tags] = [await keptSearches.get(tx, searchKey(filter)), await companyCatalogues.staff.get(tx), await companyCatalogues.tags.get(tx)];
    return { result, staff, tags };
  });
}

const staffOf = (tx: ScopedTx, ctx: OperationContext) => repo.listStaff(tx, ctx.scope.municipalityId);

async function search(tx: ScopedTx, filter: repo.CompanyFilter): Promise<SearchResult> {
  const area = await companyCatalogues.area.get(tx);
  let mode: SearchResult["mode"] = "words";
  let hits = await repo.searchCompanies(tx, filter, area, "words");
  if (hits.length === 0 && filter.page === 1 && repo.searchWords(filter.q).length > 0 && !/^\d[\d\s-]{5,}$/.test(filter.q.trim())) {
    mode = "similar";
    hits = await repo.searchCompanies(tx, filter, area, "similar");
  }
  const areaSet = area !== undefined && area.postcodes.length + area.towns.length > 0;
  const cappedAt = (hits[0]?.matches ?? 0) >= repo.matchCap ? repo.matchCap : null;
  return { hits: hits.slice(0, repo.pageSize), hasMore: hits.length > repo.pageSize, mode, areaSet, cappedAt };
}

export async function loadCompany(tx: ScopedTx, id: string): Promise<repo.Company> {
  const company = isId(id) ? await repo.findCompany(tx, id) : undefined;
  if (!company) {
    throw new NotFoundError();
  }
  return company;
}

export interface CompanyPage {
  company: repo.Company;
  profile: repo.CompanyProfile | undefined;
  own: boolean;
  linked: string | null;
  contacts: contactRepo.CompanyContact[];
  visits: visitRepo.VisitRow[];
  tasks: visitRepo.Task[];
  timeline: TimelineEntry[];
}

/** Everything the company page shows: the national facts and the municipality's own knowledge. */
export async function getCompany(ctx: OperationContext, id: string): Promise<CompanyPage> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const company = await loadCompany(tx, id);
    const area = await repo.findArea(tx);
    const [profile, ownership, contacts, visits, tasks] = await Promise.all([
      repo.findProfile(tx, id),
      repo.isOwn(tx, company, area),
      contactRepo.listCompanyContacts(tx, id),
      visitRepo.listCompanyVisits(tx, id),
      visitRepo.listCompanyTasks(tx, id),
    ]);
    const timeline = await timelineOf(tx, ctx.actor, company, { visits, tasks }, ctx.contributions?.timelineSources ?? []);
    // A viewer reads the company and the municipality's knowledge of it, not its people.
    const people = canCompanies(ctx.actor, "contacts.read");
    return { company, profile, own: ownership.own, linked: ownership.linked, contacts: people ? contacts : [], visits, tasks, timeline };
  });
}

export async function saveProfile(ctx: OperationContext, id: string, input: ProfileInput): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadCompany(tx, id);
    const before = await repo.findProfile(tx, id);
    const values = { owner_id: input.owner_id, tags: input.tags, notes: input.notes };
    await assertStaff(tx, ctx, "owner_id", [input.owner_id]);
    await repo.saveProfile(tx, { municipality_id: ctx.scope.municipalityId, company_id: id, ...values });
    await repo.link(tx, ctx.scope.municipalityId, id, "manual");
    await audit(tx, ctx, {
      action: before ? "update" : "create",
      recordType: "company_profile",
      recordId: id,
      changes: diff(before ? { owner_id: before.owner_id, tags: before.tags, notes: before.notes } : {}, values),
    });
  });
}

/** Counts a company as the municipality's own (or stops doing so), beyond its area. */
export async function setLinked(ctx: OperationContext, id: string, linked: boolean): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadCompany(tx, id);
    if (linked) {
      await repo.link(tx, ctx.scope.municipalityId, id, "manual");
    } else {
      await repo.unlink(tx, id);
    }
    await audit(tx, ctx, { action: linked ? "link" : "unlink", recordType: "company", recordId: id });
  });
}

export async function getArea(ctx: OperationContext): Promise<repo.CompanyArea | undefined> {
  authorizeCompanies(ctx.actor, "companies.settings");
  return inScope(ctx.db, ctx.scope, (tx) => repo.findArea(tx));
}

export async function saveArea(ctx: OperationContext, input: AreaInput): Promise<void> {
  authorizeCompanies(ctx.actor, "companies.settings");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await repo.findArea(tx);
    await repo.saveArea(tx, { municipality_id: ctx.scope.municipalityId, ...input });
    await audit(tx, ctx, {
      action: "update",
      recordType: "company_area",
      recordId: ctx.scope.municipalityId,
      changes: diff(before ? { postcodes: before.postcodes, towns: before.towns, contact_retention_months: before.contact_retention_months } : {}, input),
    });
  });
}

export interface UploadResult {
  summary: ImportSummary;
  rejects: Array<{ line: number; reason: Reason; note: boolean }>;
  linked: number;
}

/**
 * A staff upload of a company file: the same import as the command line, except that
 * it never marks organisations missing (a small file is not the whole register), and
 * links every organisation in it to the municipality. One audit event with the counts.
 */
const maxShownRejects = 500;

export async function uploadCompanies(ctx: OperationContext, path: string, fileName: string): Promise<UploadResult> {
  authorizeCompanies(ctx.actor, "companies.import");
  const rejects: UploadResult["rejects"] = [];
  const seen: string[] = [];
  // The national files are shared by every municipality: only a system administrator reads them in here.
  const nationalAllowed = ctx.actor.kind === "user" && ctx.actor.roles.includes("system_admin");
  const summary = await importCompanies(ctx.db, path, {
    fileName,
    municipalityId: ctx.scope.municipalityId,
    markMissing: false,
    ...(nationalAllowed ? {} : { allowedSources: ["csv" as const] }),
    zipLimits: { maxUnpackedBytes: 512 * 1024 ** 2, maxRatio: 200 },
    // The page shows the first rejects; the counts say how many there were in all.
    reject: (line, reason, _text, note) => void (rejects.length < maxShownRejects && rejects.push({ line, reason, note })),
    seen: (orgNumber) => seen.push(orgNumber),
  });
  const linked = await inScope(ctx.db, ctx.scope, async (tx) => {
    const count = await repo.linkImported(tx, ctx.scope.municipalityId, seen);
    const { runId, seconds, ...counts } = summary;
    await audit(tx, ctx, { action: "import", recordType: "company_import", recordId: runId, changes: { file: fileName, ...counts, linked: count } });
    return count;
  });
  return { summary, rejects, linked };
}

export async function formChoices(
  ctx: OperationContext,
): Promise<{ staff: Array<{ id: string; name: string }>; tags: string[]; templates: visitRepo.VisitTemplate[] }> {
  authorizeCompanies(ctx.actor, "companies.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const [staff, tags, templates] = await Promise.all([staffOf(tx, ctx), repo.listTags(tx), visitRepo.listTemplates(tx)]);
    return { staff, tags, templates };
  });
}

/**
 * Refuses accounts that are not active staff of this municipality. A foreign key alone
 * would accept another municipality's account: key checks do not see row security.
 */
export async function assertStaff(tx: ScopedTx, ctx: OperationContext, field: string, ids: Array<string | null>): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) {
    return;
  }
  const found = await repo.listStaff(tx, ctx.scope.municipalityId, wanted);
  if (found.length !== wanted.length) {
    throw new ValidationError([{ path: field, message: "invalid_choice" }]);
  }
}
