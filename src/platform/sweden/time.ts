/**
 * Wall-clock time in Sweden (Europe/Stockholm) and the instants Lotsen stores (UTC).
 * A form gives a date and a time as people read them in Sweden; summer time included.
 */
const zone = "Europe/Stockholm";

const partsFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The date (`YYYY-MM-DD`) and time (`HH:MM`) an instant shows on a Swedish clock. */
export function stockholmParts(instant: Date): { date: string; time: string } {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    return zoneParts(instant);
  }
  // Sweden's offset changes only on whole UTC hours: asked of the time-zone data once per
  // hour and kept, so the reading itself is arithmetic (an inbox page asks for hundreds).
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const parts = zoneParts(new Date(hour * 3_600_000));
    offset =
      Date.UTC(
        Number(parts.date.slice(0, 4)),
        Number(parts.date.slice(5, 7)) - 1,
        Number(parts.date.slice(8, 10)),
        Number(parts.time.slice(0, 2)),
        Number(parts.time.slice(3, 5)),
      ) -
      hour * 3_600_000;
    if (offsets.size >= 100_000) {
      offsets.clear();
    }
    offsets.set(hour, offset);
  }
  const local = new Date(ms + offset);
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

const offsets = new Map<number, number>();
const pad = (value: number) => (value < 10 ? `0${value}` : String(value));

function zoneParts(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant a Swedish date and time name. In the hour skipped in spring the later
 * reading is taken; in the hour repeated in autumn, the first.
 */
export function stockholmInstant(date: string, time: string): Date {
  const key = `${date} ${time}`;
  const known = instants.get(key);
  if (known !== undefined) {
    return new Date(known);
  }
  const instant = computeInstant(date, time);
  if (instants.size >= 50_000) {
    instants.clear();
  }
  instants.set(key, instant.getTime());
  return instant;
}

// Business-time arithmetic asks for the same opening and closing instants of the same days
// again and again (every inbox row's time left); the time-zone lookup is the costly part.
const instants = new Map<string, number>();

function computeInstant(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Sweden is UTC+1 or UTC+2: try both offsets and keep the one that reads back.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const back = stockholmParts(candidate);
    if (back.date === date && back.time === time) {
      return candidate;
    }
  }
  return new Date(asUtc - 3_600_000);
}

/** A calendar year in Swedish time: from its first midnight to the next year's. */
export function swedishYear(year: number): { from: Date; to: Date } {
  return { from: stockholmInstant(`${year}-01-01`, "00:00"), to: stockholmInstant(`${year + 1}-01-01`, "00:00") };
}

/** Today's date in Sweden, as YYYY-MM-DD. */
export const swedishToday = (now = new Date()): string => stockholmParts(now).date;
