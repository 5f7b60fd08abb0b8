import type { Db } from "../db/database.js";
import { listMunicipalities, type Municipality } from "../tenancy/repo.js";

/**
 * Finds the municipality a request is for, from its Host. The list is small reference
 * data, kept in memory for a few seconds and refreshed when settings change.
 */
export class TenantDirectory {
  private cached: { at: number; municipalities: Municipality[] } | undefined;

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
    const host = (hostHeader ?? "").toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    return municipalities.find((municipality) => municipality.hosts.includes(host));
  }

  async all(): Promise<Municipality[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      this.cached = { at: Date.now(), municipalities: await listMunicipalities(this.db) };
    }
    return this.cached.municipalities;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
