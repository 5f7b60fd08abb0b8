import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { keptContentSlot } from "../ui/components/layout/layout.js";
import { translator } from "../ui/i18n.js";
import type { PageContext } from "../ui/context.js";
import { htmlBytes, sendKeptContentPage } from "./render.js";

const ctx: PageContext = {
  lang: "sv",
  t: translator("sv"),
  municipalityName: "Åmål",
  actor: null,
  csrfToken: "token-of-this-reader",
  path: "/arenden",
  nav: [],
};

describe("a page with content made before", () => {
  it("sends the frame made now around the kept bytes, whole and in UTF-8", async () => {
    const content = htmlBytes(
      <table>
        <tr>
          <td>Örebro Bygg AB – försenat</td>
        </tr>
      </table>,
    );
    const app = Fastify();
    app.get("/", (request, reply) => sendKeptContentPage(reply, { ctx, title: "Ärenden" }, content));
    const response = await app.inject({ method: "GET", url: "/" });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(Number(response.headers["content-length"])).toBe(response.rawPayload.length);
    const html = response.body;
    expect(html.startsWith("<!doctype html><html")).toBe(true);
    expect(html).toContain("<div><table><tr><td>Örebro Bygg AB – försenat</td></tr></table></div>");
    expect(html).toContain("Åmål");
    expect(html).not.toContain("kept-content");
    expect(html.endsWith("</html>")).toBe(true);
  });

  it("puts the content in the frame's own slot when the reader's text carries the slot's marker", async () => {
    // A company's name, a municipality's or a search term is the reader's text: it must not move the content.
    const marked = { ...ctx, municipalityName: `Åmål ${keptContentSlot}`, flash: keptContentSlot };
    const app = Fastify();
    app.get("/", (request, reply) => sendKeptContentPage(reply, { ctx: marked, title: keptContentSlot }, Buffer.from("<p>kept</p>")));
    const response = await app.inject({ method: "GET", url: "/" });
    await app.close();
    const html = response.body;
    expect(html.split("<p>kept</p>")).toHaveLength(2);
    expect(html.indexOf("<p>kept</p>")).toBeGreaterThan(html.indexOf("<main"));
    expect(html.indexOf("<p>kept</p>")).toBeLessThan(html.indexOf("</main>"));
    expect(html).not.toContain(keptContentSlot);
    expect(html).toContain("&lt;!--kept-content-->");
  });
});
