import type { FastifyInstance } from "fastify";
import { csrfFrom, form } from "./factories.js";

const cookiesOf = (response: { headers: Record<string, unknown> }) =>
  [response.headers["set-cookie"]]
    .flat()
    .filter(Boolean)
    .map((cookie) => String(cookie).split(";")[0]!)
    .filter((pair) => !pair.endsWith("="));

/**
 * A browser of its own through `app.inject()`: its cookies kept between requests (and dropped
 * when the server clears them), the CSRF token of the last page with a form sent with posts.
 */
export function injectBrowser(app: FastifyInstance, host: string) {
  const jar = new Map<string, string>();
  const keep = (response: { headers: Record<string, unknown> }) => {
    for (const pair of cookiesOf(response)) {
      jar.set(pair.split("=")[0]!, pair);
    }
    for (const raw of [response.headers["set-cookie"]].flat().filter(Boolean).map(String)) {
      if (/^[^=]+=;/.test(raw) || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(raw)) {
        jar.delete(raw.split("=")[0]!);
      }
    }
  };
  const cookie = () => [...jar.values()].join("; ");
  let csrf = "";
  return {
    has: (name: string) => jar.has(name),
    cookie,
    async get(url: string) {
      const response = await app.inject({ url, headers: { host, cookie: cookie() } });
      keep(response);
      if (response.body.includes('name="_csrf"')) {
        csrf = csrfFrom(response.body);
      }
      return response;
    },
    async post(url: string, fields: Record<string, string | string[]>, options: { remoteAddress?: string } = {}) {
      const response = await app.inject({
        method: "POST",
        url,
        headers: { host, cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
        payload: form({ ...fields, _csrf: csrf }),
        ...options,
      });
      keep(response);
      return response;
    },
  };
}
