import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

export interface PostResult {
  status: number | null;
  /** The first kilobyte of the answer, for the delivery log. */
  response: string;
  error: string | null;
}

const timeoutMs = 10_000;
const keptBytes = 1024;

/**
 * The addresses a webhook may not reach unless the installation allows it: the machine
 * itself, private networks, link-local (a cloud's metadata service) and the like. An
 * administrator of one municipality must not make Lotsen call inside the installation.
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  return internal.check(plain, isIP(plain) === 6 ? "ipv6" : "ipv4");
}

/**
 * Posts a signed body and reads the answer: no redirects followed (a 3xx is a failure), ten
 * seconds at most, the address checked after the name is resolved, so a name that points
 * inside is refused too.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, options: { allowInternal: boolean }): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    // An address written as numbers is never looked up: it is checked here.
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && isInternalAddress(literal) && !options.allowInternal) {
      return resolve({ status: null, response: "", error: `the address ${literal} is inside the installation's network` });
    }
    const client = target.protocol === "https:" ? https : http;
    const guardedLookup = (
      hostname: string,
      lookupOptions: object,
      callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) {
          return callback(error, []);
        }
        const refused = options.allowInternal ? undefined : addresses.find((entry) => isInternalAddress(entry.address));
        if (refused) {
          return callback(Object.assign(new Error(`the address ${refused.address} is inside the installation's network`), { code: "EINTERNAL" }), []);
        }
        const all = (lookupOptions as { all?: boolean }).all;
        return all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Lotsen-Webhooks/1", ...headers },
        lookup: guardedLookup as never,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < keptBytes) {
            chunks.push(chunk);
          }
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? null, response: Buffer.concat(chunks).toString("utf8").slice(0, keptBytes), error: null }),
        );
        response.on("error", (error) => resolve({ status: response.statusCode ?? null, response: "", error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error) => resolve({ status: null, response: "", error: error.message }));
    request.end(body);
  });
}
