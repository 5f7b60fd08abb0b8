import type { ExternalParty, Municipality, OrgUnit, Region } from "./repo.js";

export function presentUnit(unit: OrgUnit) {
  return { id: unit.id, name: unit.name, kind: unit.kind, parent_id: unit.parent_id, manager_id: unit.manager_id, demo: unit.demo };
}

export function presentParty(party: ExternalParty) {
  return { id: party.id, name: party.name, kind: party.kind, description: party.description, website: party.website, demo: party.demo };
}

export function presentMunicipality(municipality: Municipality, region: Region | undefined) {
  return {
    id: municipality.id,
    name: municipality.name,
    kommunkod: municipality.kommunkod,
    slug: municipality.slug,
    hosts: municipality.hosts,
    region: region ? { id: region.id, name: region.name } : null,
  };
}
