/**
 * The installation's municipalities, for a system administrator on the web as on the
 * command line: add one from SCB's codes, and set each one's hosts, its own sender and SMTP
 * server, and its colour. Each change is audited in the municipality it changes.
 */
import { diff, recordAudit } from "../audit/audit.js";
import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope } from "../db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { isId } from "../ids.js";
import { sealSmtpUrl } from "../mail/municipal.js";
import { addMunicipality } from "./installation.js";
import { kommunByCode, kommuner } from "./kommuner.js";
import * as repo from "./repo.js";
import type { MunicipalityAddInput, MunicipalityConfigInput } from "./schemas.js";

export type { Municipality } from "./repo.js";

export interface InstallationOverview {
  municipalities: Array<repo.Municipality & { region: string | null }>;
  regions: repo.Region[];
  /** SCB's municipalities not yet in the installation, for the form that adds one. */
  addable: Array<{ kommunkod: string; name: string }>;
}

export async function installationOverview(ctx: OperationContext): Promise<InstallationOverview> {
  authorize(ctx.actor, "installation.manage");
  const [municipalities, regions] = await Promise.all([repo.listMunicipalities(ctx.db), repo.listRegions(ctx.db)]);
  // A member the seed listed without a host can still be added: it is taken into use.
  const taken = new Set(municipalities.filter((municipality) => municipality.hosts.length > 0).map((municipality) => municipality.kommunkod));
  return {
    municipalities: municipalities.map((municipality) => ({
      ...municipality,
      region: regions.find((region) => region.id === municipality.region_id)?.name ?? null,
    })),
    regions,
    addable: [...kommuner().values()]
      .filter((kommun) => !taken.has(kommun.kommunkod))
      .map((kommun) => ({ kommunkod: kommun.kommunkod, name: kommun.kommun }))
      .sort((a, b) => a.name.localeCompare(b.name, "sv")),
  };
}

export async function findForSystem(ctx: OperationContext, id: string): Promise<repo.Municipality> {
  authorize(ctx.actor, "installation.manage");
  return foundIn(await repo.listMunicipalities(ctx.db), id);
}

function foundIn(all: readonly repo.Municipality[], id: string): repo.Municipality {
  const found = isId(id) ? all.find((municipality) => municipality.id === id) : undefined;
  if (!found) {
    throw new NotFoundError();
  }
  return found;
}

/** Adds a municipality, its problems named by field as the form shows them. */
export async function addFromWeb(ctx: OperationContext, input: MunicipalityAddInput): Promise<string> {
  authorize(ctx.actor, "installation.manage");
  const region = input.region_id ? (await repo.listRegions(ctx.db)).find((one) => one.id === input.region_id) : undefined;
  if (input.region_id && !region) {
    throw new ValidationError([{ path: "region_id", message: "invalid_choice" }]);
  }
  // Checked here to name the field; `addMunicipality` checks again for the command line.
  const existing = await repo.listMunicipalities(ctx.db);
  if (!kommunByCode(input.kommunkod)) {
    throw new ValidationError([{ path: "kommunkod", message: "invalid_choice" }]);
  }
  if (existing.some((municipality) => municipality.kommunkod === input.kommunkod && municipality.hosts.length > 0)) {
    throw new ConflictError([{ path: "kommunkod", message: "municipality_taken" }]);
  }
  if (input.hosts.some((host) => existing.some((municipality) => municipality.hosts.includes(host)))) {
    throw new ConflictError([{ path: "hosts", message: "host_taken" }]);
  }
  const added = await addMunicipality(ctx.db, { kommunkod: input.kommunkod, hosts: input.hosts, regionSlug: region?.slug }, ctx);
  return added.id;
}

/** Sets a municipality's hosts, its own sender and SMTP server (a blank server keeps the one stored), and its colour. */
export async function configure(ctx: OperationContext, id: string, input: MunicipalityConfigInput, secret: string): Promise<void> {
  authorize(ctx.actor, "installation.manage");
  const all = await repo.listMunicipalities(ctx.db);
  const before = foundIn(all, id);
  if (input.hosts.some((host) => all.some((other) => other.id !== id && other.hosts.includes(host)))) {
    throw new ConflictError([{ path: "hosts", message: "host_taken" }]);
  }
  const serverChanged = input.smtp_reset || input.smtp_url !== null;
  await inScope(ctx.db, { municipalityId: id }, async (tx) => {
    await repo.updateMunicipality(tx, id, {
      hosts: input.hosts,
      brand_colour: input.brand_colour ?? null,
      mail_from: input.mail_from,
      ...(input.smtp_reset ? { smtp_url_sealed: null } : input.smtp_url ? { smtp_url_sealed: sealSmtpUrl(secret, input.smtp_url) } : {}),
    });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "update",
        recordType: "municipality",
        recordId: id,
        changes: {
          ...diff(
            { hosts: before.hosts, mail_from: before.mail_from, brand_colour: before.brand_colour },
            { hosts: input.hosts, mail_from: input.mail_from, brand_colour: input.brand_colour ?? null },
          ),
          // The server's URL carries a password: the log says it changed, never what it was or is.
          ...(serverChanged ? { smtp_url: { from: "[hidden]", to: input.smtp_reset ? null : "[hidden]" } } : {}),
        },
      },
      ctx.requestId,
    );
  });
}
