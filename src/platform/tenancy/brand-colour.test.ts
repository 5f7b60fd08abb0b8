import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, form, login, type Session, type TestMunicipality } from "../../../test/helpers/factories.js";
import { contrastRatio, darker, normalColour, readableBrand } from "../ui/colour.js";

describe("colour arithmetic", () => {
  it.each([
    ["#ffffff", "#000000", 21],
    ["#767676", "#ffffff", 4.54],
    ["#777777", "#ffffff", 4.48],
    ["#00536b", "#ffffff", 8.57],
  ])("%s against %s has the contrast WCAG 2.1 gives: %s:1", (a, b, ratio) => {
    expect(Math.round(contrastRatio(a, b) * 100) / 100).toBe(ratio);
  });

  it("reads #rrggbb, rrggbb and #rgb, in any case, and nothing else", () => {
    expect(normalColour(" #00536B ")).toBe("#00536b");
    expect(normalColour("00536b")).toBe("#00536b");
    expect(normalColour("#0af")).toBe("#00aaff");
    for (const text of ["blue", "#12345", "#1234567", "rgb(0,0,0)", "#gg0000"]) {
      expect(normalColour(text), text).toBeNull();
    }
  });

  it("takes a colour only when white text on it and it on the page and on a panel all reach 4.5:1", () => {
    expect(readableBrand("#00536b")).toBe(true);
    // 4.54:1 on white, but 4.1:1 on a panel's grey.
    expect(readableBrand("#767676")).toBe(false);
    expect(readableBrand("#6b6b6b")).toBe(true);
  });

  it("makes a darker shade with more contrast to white", () => {
    expect(darker("#336699")).toBe("#24476b");
    expect(contrastRatio(darker("#336699"), "#ffffff")).toBeGreaterThan(contrastRatio("#336699", "#ffffff"));
  });
});

describe("a municipality's own colour", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let askersund: TestMunicipality;
  let laxa: TestMunicipality;
  let admin: Session;

  beforeAll(async () => {
    db = await createTestDatabase();
    askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
    laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
    app = await buildTestApp(db.app);
    admin = await login(app, askersund.host, "admin@askersund.test");
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const settings = (brandColour: string) =>
    app.inject({
      method: "POST",
      url: "/admin/installningar",
      headers: { host: askersund.host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        _csrf: admin.csrf,
        name: "Askersunds kommun",
        hosts: askersund.host,
        contact_email: "kommun@askersund.se",
        accessibility_compliance: "partial",
        accessibility_non_compliant: "Bifogade filer granskas inte.",
        brand_colour: brandColour,
      }),
    });
  const get = (url: string, host = askersund.host) => app.inject({ method: "GET", url, headers: { host } });

  it("is refused when white text on it would not reach WCAG AA's 4.5:1, naming the field and keeping the value", async () => {
    const light = await settings("#777777");
    expect(light.statusCode).toBe(400);
    expect(light.body).toContain("”Kommunens färg” är för ljus: vit text på den, eller den som text på sidan, når inte kontrasten 4,5:1");
    expect(light.body).toContain('value="#777777"');
    const garbled = await settings("blå");
    expect(garbled.statusCode).toBe(400);
    expect(garbled.body).toContain("Ange ”Kommunens färg” som sex hexadecimala siffror");
    expect((await get("/")).body).not.toContain("/assets/kommun.css");
  });

  it("colours the municipality's pages once saved, through a stylesheet of its own, and no other municipality's", async () => {
    expect((await settings("#6B2D5C")).statusCode).toBe(303);
    const page = (await get("/")).body;
    expect(page).toContain('<link rel="stylesheet" href="/assets/kommun.css?v=6b2d5c"/>');
    const css = await get("/assets/kommun.css?v=6b2d5c");
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(css.body).toContain("--color-brand: #6b2d5c;");
    expect(css.body).toContain(`--color-brand-dark: ${darker("#6b2d5c")};`);

    expect((await get("/", laxa.host)).body).not.toContain("/assets/kommun.css");
    expect((await get("/assets/kommun.css", laxa.host)).statusCode).toBe(404);

    // Emptied, Lotsen's own colour again.
    expect((await settings("")).statusCode).toBe(303);
    expect((await get("/")).body).not.toContain("/assets/kommun.css");
  });
});
