import { swedish } from "../ui/format.js";
import { authorize } from "../auth/policy.js";
import { diff, recordAudit } from "../audit/audit.js";
import type { OperationContext } from "../context.js";
import { Catalogue } from "../db/catalogues.js";
import { inScope, type ScopedTx } from "../db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { newId, isId } from "../ids.js";
import * as repo from "./repo.js";
import type { PartyInput, SettingsInput, UnitInput } from "./schemas.js";

export type { Municipality, OrgUnit, ExternalParty, Region } from "./repo.js";

/** The municipality's units in tree order, read on every visit of the API's and the admin's lists: kept until a unit changes. */
const keptUnits = new Catalogue(["org_units"], async (tx) => treeOrder(await repo.listUnits(tx)));

/** The organisation units of the municipality, each with its depth in the tree, in tree order. */
export async function listUnits(ctx: OperationContext): Promise<ReadonlyArray<repo.OrgUnit & { depth: number }>> {
  authorize(ctx.actor, "units.read");
  return inScope(ctx.db, ctx.scope, (tx) => keptUnits.get(tx));
}

export async function getUnit(ctx: OperationContext, id: string): Promise<repo.OrgUnit> {
  authorize(ctx.actor, "units.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadUnit(tx, id));
}

export async function createUnit(ctx: OperationContext, input: UnitInput, options: { demo?: boolean } = {}): Promise<repo.OrgUnit> {
  authorize(ctx.actor, "units.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await checkUnitLinks(tx, undefined, input);
    const id = newId();
    await repo
      .insertUnit(tx, { id, municipality_id: ctx.scope.municipalityId, ...input, demo: options.demo ?? false, updated_at: new Date() })
      .catch(nameTaken);
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "org_unit", recordId: id, changes: diff({}, input) }, ctx.requestId);
    return loadUnit(tx, id);
  });
}

export async function updateUnit(ctx: OperationContext, id: string, input: UnitInput): Promise<repo.OrgUnit> {
  authorize(ctx.actor, "units.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadUnit(tx, id);
    await checkUnitLinks(tx, id, input);
    await repo.updateUnit(tx, id, input).catch(nameTaken);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "org_unit", recordId: id, changes: diff(before, input) }, ctx.requestId);
    return loadUnit(tx, id);
  });
}

export async function deleteUnit(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "units.manage");
  try {
    await inScope(ctx.db, ctx.scope, async (tx) => {
      const before = await loadUnit(tx, id);
      if ((await repo.countChildUnits(tx, id)) > 0) {
        throw new ConflictError([{ path: "id", message: "unit_has_children" }]);
      }
      await repo.deleteUnit(tx, id);
      await recordAudit(tx, ctx.actor, { action: "delete", recordType: "org_unit", recordId: id, changes: diff(before, {}) }, ctx.requestId);
    });
  } catch (error) {
    // Modules' records point at units (a desk category, a case): such a unit is kept.
    if ((error as { code?: string }).code === "23503") {
      throw new ConflictError([{ path: "id", message: "unit_in_use" }]);
    }
    throw error;
  }
}

export async function listParties(ctx: OperationContext): Promise<repo.ExternalParty[]> {
  authorize(ctx.actor, "parties.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listParties(tx));
}

export async function getParty(ctx: OperationContext, id: string): Promise<repo.ExternalParty> {
  authorize(ctx.actor, "parties.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadParty(tx, id));
}

export async function createParty(ctx: OperationContext, input: PartyInput, options: { demo?: boolean } = {}): Promise<repo.ExternalParty> {
  authorize(ctx.actor, "parties.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    await repo
      .insertParty(tx, { id, municipality_id: ctx.scope.municipalityId, ...input, demo: options.demo ?? false, updated_at: new Date() })
      .catch(nameTaken);
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "external_party", recordId: id, changes: diff({}, input) }, ctx.requestId);
    return loadParty(tx, id);
  });
}

export async function updateParty(ctx: OperationContext, id: string, input: PartyInput): Promise<repo.ExternalParty> {
  authorize(ctx.actor, "parties.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadParty(tx, id);
    await repo.updateParty(tx, id, input).catch(nameTaken);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "external_party", recordId: id, changes: diff(before, input) }, ctx.requestId);
    return loadParty(tx, id);
  });
}

export async function deleteParty(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "parties.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadParty(tx, id);
    await repo.deleteParty(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "external_party", recordId: id, changes: diff(before, {}) }, ctx.requestId);
  });
}

/** Changes the municipality's own settings: name, host names, the accessibility statement. */
export async function updateSettings(ctx: OperationContext, input: SettingsInput): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const all = await repo.listMunicipalities(tx);
    const before = all.find((m) => m.id === ctx.scope.municipalityId);
    if (!before) {
      throw new NotFoundError();
    }
    const taken = input.hosts.find((host) => all.some((m) => m.id !== before.id && m.hosts.includes(host)));
    if (taken) {
      throw new ConflictError([{ path: "hosts", message: "host_taken" }]);
    }
    await repo.updateMunicipality(tx, before.id, input).catch((error: unknown) => {
      // Another administrator took the host between the check above and this write.
      if ((error as { code?: string; constraint?: string }).constraint === "municipality_hosts_pkey") {
        throw new ConflictError([{ path: "hosts", message: "host_taken" }]);
      }
      throw error;
    });
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "municipality", recordId: before.id, changes: diff(before, input) }, ctx.requestId);
  });
}

async function loadUnit(tx: ScopedTx, id: string): Promise<repo.OrgUnit> {
  const unit = isId(id) ? await repo.findUnit(tx, id) : undefined;
  if (!unit) {
    throw new NotFoundError();
  }
  return unit;
}

async function loadParty(tx: ScopedTx, id: string): Promise<repo.ExternalParty> {
  const party = isId(id) ? await repo.findParty(tx, id) : undefined;
  if (!party) {
    throw new NotFoundError();
  }
  return party;
}

/** A parent must exist here and must not be the unit itself or below it; a manager must be a staff account here. */
async function checkUnitLinks(tx: ScopedTx, id: string | undefined, input: UnitInput): Promise<void> {
  if (input.parent_id) {
    const units = await repo.listUnits(tx);
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    if (!byId.has(input.parent_id)) {
      throw new ValidationError([{ path: "parent_id", message: "invalid_choice" }]);
    }
    for (let cursor: string | null = input.parent_id; cursor; cursor = byId.get(cursor)?.parent_id ?? null) {
      if (cursor === id) {
        throw new ValidationError([{ path: "parent_id", message: "unit_cycle" }]);
      }
    }
  }
  if (input.manager_id) {
    if (!(await repo.staffAccountExists(tx, input.manager_id))) {
      throw new ValidationError([{ path: "manager_id", message: "invalid_choice" }]);
    }
  }
}

function nameTaken(error: unknown): never {
  if (typeof error === "object" && error !== null && (error as { code?: string }).code === "23505") {
    throw new ConflictError([{ path: "name", message: "name_taken" }]);
  }
  throw error;
}

/** Orders units as a tree (parents before children, siblings by Swedish name) with depths. */
export function treeOrder<T extends { id: string; parent_id: string | null; name: string }>(units: T[]): Array<T & { depth: number }> {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, T[]>();
  for (const unit of units) {
    const parent = unit.parent_id && ids.has(unit.parent_id) ? unit.parent_id : null;
    const siblings = children.get(parent);
    if (siblings) {
      siblings.push(unit);
    } else {
      children.set(parent, [unit]);
    }
  }
  const ordered: Array<T & { depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => swedish.compare(a.name, b.name))) {
      ordered.push({ ...unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}
