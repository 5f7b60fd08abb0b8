import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { newId } from "../ids.js";
import { kommunByCode } from "./kommuner.js";
import { findRegion, findRegionBySlug, insertMunicipality, listMunicipalities, type Municipality, type Region } from "./repo.js";

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

/**
 * Adds a municipality to the installation (a system administrator's task, done with the
 * CLI). The kommunkod must be one of SCB's; the region is found by its slug.
 */
export async function addMunicipality(
  db: Db,
  input: { kommunkod: string; hosts: string[]; regionSlug?: string | undefined; name?: string | undefined },
): Promise<Municipality> {
  const kommun = kommunByCode(input.kommunkod);
  if (!kommun) {
    throw new AppError(400, "validation", `kommunkod ${input.kommunkod} is not one of SCB's 290 municipality codes`);
  }
  const existing = await listMunicipalities(db);
  if (existing.some((municipality) => municipality.kommunkod === kommun.kommunkod)) {
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
  const id = newId();
  const slug = kommun.kommun
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  await insertMunicipality(db, {
    id,
    region_id: region?.id ?? null,
    name: input.name ?? municipalityName(kommun.kommun),
    kommunkod: kommun.kommunkod,
    slug,
    hosts: input.hosts,
    updated_at: new Date(),
  });
  const created = (await listMunicipalities(db)).find((municipality) => municipality.id === id);
  if (!created) {
    throw new AppError(500, "internal", "the municipality was not saved");
  }
  return created;
}
