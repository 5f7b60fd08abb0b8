/**
 * Kolada's API v3, as far as Lotsen reads it: a key figure's metadata and its values for
 * municipalities and years, every page of the `values` envelope followed to its end.
 * A slow or failing Kolada is tried again a few times, then reported in words; a page link
 * that leaves the configured service is never followed.
 */
import { z } from "zod";

export const koladaDefaultUrl = "https://api.kolada.se/v3";

/** At most this many years in one call: very long year lists are refused. */
const yearsPerCall = 20;

const envelope = <T extends z.ZodType>(value: T) => z.object({ values: z.array(value), count: z.number().optional(), next_page: z.string().nullish() });

const kpiShape = z.object({ id: z.string(), title: z.string() });

const dataShape = z.object({
  kpi: z.string(),
  municipality: z.string(),
  period: z.coerce.number().int(),
  values: z.array(z.object({ gender: z.string(), value: z.number().nullable(), count: z.number().optional() })),
});

export interface KoladaValue {
  kpi: string;
  area: string;
  gender: "T" | "K" | "M";
  year: number;
  value: number | null;
}

export interface KoladaOptions {
  baseUrl: string;
  /** Milliseconds before one request is given up. */
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  attempts?: number;
  /** Milliseconds before the second attempt; doubled for each further one. */
  retryDelayMs?: number;
}

/** Kolada could not be reached or answered something Lotsen cannot read: the reason in words. */
export class KoladaError extends Error {
  constructor(
    readonly reason: "timeout" | "unreachable" | "status" | "shape",
    readonly detail: string,
  ) {
    super(`Kolada: ${reason} (${detail})`);
  }
}

export class KoladaClient {
  private readonly base: URL;

  constructor(private readonly options: KoladaOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** The titles of key figures by id; an id Kolada does not know is missing from the map. */
  async titles(kpis: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.all(`kpi/${kpis.map(encodeURIComponent).join(",")}`, kpiShape);
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** Every value of a key figure for the municipalities and years, by gender; `null` where not published. */
  async values(kpi: string, areas: readonly string[], years: readonly number[]): Promise<KoladaValue[]> {
    const values: KoladaValue[] = [];
    for (let start = 0; start < years.length; start += yearsPerCall) {
      const slice = years.slice(start, start + yearsPerCall);
      const rows = await this.all(
        `data/kpi/${encodeURIComponent(kpi)}/municipality/${areas.map(encodeURIComponent).join(",")}/year/${slice.join(",")}`,
        dataShape,
      );
      for (const row of rows) {
        for (const entry of row.values) {
          if (entry.gender === "T" || entry.gender === "K" || entry.gender === "M") {
            values.push({ kpi: row.kpi, area: row.municipality, gender: entry.gender, year: row.period, value: entry.value });
          }
        }
      }
    }
    return values;
  }

  private async all<T extends z.ZodType>(path: string, shape: T): Promise<Array<z.infer<T>>> {
    const rows: Array<z.infer<T>> = [];
    let url: URL | null = new URL(path, this.base);
    for (let page = 0; url && page < 1000; page++) {
      const parsed = envelope(shape).safeParse(await this.fetchJson(url));
      if (!parsed.success) {
        throw new KoladaError("shape", url.pathname);
      }
      rows.push(...parsed.data.values);
      url = parsed.data.next_page ? this.sameService(parsed.data.next_page) : null;
    }
    return rows;
  }

  /** A page link, kept only when it points into the configured service. */
  private sameService(link: string): URL {
    const next = new URL(link, this.base);
    if (next.origin !== this.base.origin || !next.pathname.startsWith(this.base.pathname)) {
      throw new KoladaError("shape", `next_page outside ${this.base.origin}`);
    }
    return next;
  }

  private async fetchJson(url: URL): Promise<unknown> {
    const attempts = this.options.attempts ?? 3;
    let last: KoladaError = new KoladaError("unreachable", url.host);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 2)));
      }
      try {
        const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
        if (response.ok) {
          return await response.json().catch(() => {
            throw new KoladaError("shape", url.pathname);
          });
        }
        last = new KoladaError("status", String(response.status));
        // A client error will not change by asking again.
        if (response.status < 500 && response.status !== 429) {
          throw last;
        }
      } catch (error) {
        if (error instanceof KoladaError) {
          if (error.reason !== "status" || Number(error.detail) >= 500 || error.detail === "429") {
            last = error;
            continue;
          }
          throw error;
        }
        last =
          error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
            ? new KoladaError("timeout", url.host)
            : new KoladaError("unreachable", url.host);
      }
    }
    throw last;
  }
}
