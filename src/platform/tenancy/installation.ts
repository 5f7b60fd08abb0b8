import { inScope, type Db } from "../db/database.js";
import { diff, recordAudit } from "../audit/audit.js";
import { systemActor, type Actor } from "../auth/roles.js";
import { AppError } from "../errors.js";
import { newId } from "../ids.js";
import { kommunByCode } from "./kommuner.js";
import { findRegion, findRegionBySlug, insertMunicipality, listMunicipalities, updateMunicipality, type Municipality, type Region } from "./repo.js";

export { listMunicipalities };

/** The region a municipality belongs to, if any. */
export async function regionOf(db: Db, municipality: Municipality): Promise<Region | undefined> {
  return municipality.region_id ? findRegion(db, municipality.region_id) : undefined;
}

/**
 * The municipality's usual name: "Askersunds kommun", but "Laxå kommun" and "Hällefors
 * kommun" (no genitive s after a vowel or an s). Cities that call themselves "stad" pass
 * their name explicitly.
 */
export function municipalityName(kommun: string): string {
  return /[aeiouyåäöésxz]$/i.test(kommun) ? `${kommun} kommun` : `${kommun}s kommun`;
}

/** The slug of a municipality's name: lower case, no diacritics, words joined by hyphens. */
export const slugOf = (kommun: string) =>
  kommun
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Adds a municipality to the installation (a system administrator's task, done with the
 * CLI). The kommunkod must be one of SCB's; the region is found by its slug. A member of a
 * region that the seed listed without a host is taken into use: it gets its hosts.
 */
export async function addMunicipality(
  db: Db,
  input: { kommunkod: string; hosts: string[]; regionSlug?: string | undefined; name?: string | undefined },
  by: { actor: Actor; requestId?: string | undefined } = { actor: systemActor("installation") },
): Promise<Municipality> {
  const kommun = kommunByCode(input.kommunkod);
  if (!kommun) {
    throw new AppError(400, "validation", `kommunkod ${input.kommunkod} is not one of SCB's 290 municipality codes`);
  }
  const existing = await listMunicipalities(db);
  const listed = existing.find((municipality) => municipality.kommunkod === kommun.kommunkod);
  if (listed && listed.hosts.length > 0) {
    throw new AppError(409, "conflict", `${kommun.kommun} (${kommun.kommunkod}) is already in the installation`);
  }
  const taken = input.hosts.find((host) => existing.some((municipality) => municipality.hosts.includes(host)));
  if (taken) {
    throw new AppError(409, "conflict", `the host ${taken} already belongs to another municipality`);
  }
  const region = input.regionSlug ? await findRegionBySlug(db, input.regionSlug) : undefined;
  if (input.regionSlug && !region) {
    throw new AppError(400, "validation", `no region with the slug ${input.regionSlug}`);
  }
  const id = listed?.id ?? newId();
  try {
    // The municipality and its first audit event in one transaction, in its own scope: both or neither.
    await inScope(db, { municipalityId: id }, async (tx) => {
      if (listed) {
        await updateMunicipality(tx, id, { hosts: input.hosts, ...(region ? { region_id: region.id } : {}), ...(input.name ? { name: input.name } : {}) });
      } else {
        await insertMunicipality(tx, {
          id,
          region_id: region?.id ?? null,
          name: input.name ?? municipalityName(kommun.kommun),
          kommunkod: kommun.kommunkod,
          slug: slugOf(kommun.kommun),
          hosts: input.hosts,
          updated_at: new Date(),
        });
      }
      const changes = diff({}, { kommunkod: kommun.kommunkod, hosts: input.hosts });
      await recordAudit(tx, by.actor, { action: listed ? "take_into_use" : "create", recordType: "municipality", recordId: id, changes }, by.requestId);
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === "municipality_hosts_pkey") {
      throw new AppError(409, "conflict", "one of the hosts already belongs to another municipality or a region", [{ path: "hosts", message: "host_taken" }]);
    }
    throw error;
  }
  const created = (await listMunicipalities(db)).find((municipality) => municipality.id === id);
  if (!created) {
    throw new AppError(500, "internal", "the municipality was not saved");
  }
  return created;
}
