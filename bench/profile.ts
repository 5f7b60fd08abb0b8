/**
 * `npm run bench -- --profile`: a V8 CPU profile of the server while each workload runs
 * under load, written beside the report as `<report>-<workload>.cpuprofile` (open it in
 * Chrome DevTools or speedscope), with its heaviest frames by self time printed as a table.
 * The server runs in the bench's own process, so the profiler is that process's inspector.
 */
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

export interface TopFrame {
  frame: string;
  "self %": number;
}

export class Profiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post("Profiler.enable");
    // 200 µs between samples: enough for a 10-second run without slowing the server much.
    await this.session.post("Profiler.setSamplingInterval", { interval: 200 });
    await this.session.post("Profiler.start");
  }

  /** Stops, writes the profile to `file` and returns its heaviest frames by self time. */
  async stop(file: string, count = 12): Promise<TopFrame[]> {
    const { profile } = (await this.session.post("Profiler.stop")) as { profile: Profile };
    await this.session.post("Profiler.disable");
    this.session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return topFrames(profile, count);
  }
}

/** Self time per function (name and place), as a share of all samples. */
export function topFrames(profile: Profile, count: number): TopFrame[] {
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const place = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const frame = `${functionName || "(anonymous)"} ${place}`.trim();
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, hits]) => ({ frame, "self %": Number(((hits / total) * 100).toFixed(1)) }));
}

/** The part of a script's address that names it: the package and file, or the file under src. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    return url.slice(modules + "node_modules/".length);
  }
  const source = url.lastIndexOf("/src/");
  return source >= 0 ? url.slice(source + 1) : url.replace(/^file:\/\//, "");
}
