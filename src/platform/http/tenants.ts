import type { Db } from "../db/database.js";
import { listMunicipalities, listRegions, type Municipality, type Region } from "../tenancy/repo.js";

const hostOf = (hostHeader: string | undefined) => (hostHeader ?? "").toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");

/**
 * Finds the municipality a request is for, from its Host, or the region whose own host it
 * is (where regional accounts sign in). Both lists are small reference data, kept in memory
 * for a few seconds and refreshed when settings change.
 */
export class TenantDirectory {
  private cached: { at: number; municipalities: Municipality[]; regions: Region[] } | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<Municipality | undefined> {
    const municipalities = await this.all();
    if (municipalities.length === 1 && municipalities[0]!.hosts.length === 0) {
      // A single municipality with no host set yet answers on any host; once set, on those only.
      return municipalities[0];
    }
    const host = hostOf(hostHeader);
    return municipalities.find((municipality) => municipality.hosts.includes(host));
  }

  /** The region whose own host this is, when no municipality answers on it. */
  async resolveRegion(hostHeader: string | undefined): Promise<Region | undefined> {
    await this.all();
    const host = hostOf(hostHeader);
    return this.cached?.regions.find((region) => region.hosts.includes(host));
  }

  async all(): Promise<Municipality[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const [municipalities, regions] = await Promise.all([listMunicipalities(this.db), listRegions(this.db)]);
      this.cached = { at: Date.now(), municipalities, regions };
    }
    return this.cached.municipalities;
  }

  /** The installation's regions, as kept with the municipalities. */
  async regions(): Promise<Region[]> {
    await this.all();
    return this.cached?.regions ?? [];
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
