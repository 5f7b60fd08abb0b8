import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { multipart } from "../../../test/helpers/desk.js";
import { buildMunicipality, buildTestApp, buildUser, form, login, type Session, type TestMunicipality } from "../../../test/helpers/factories.js";
import { inScope } from "../db/database.js";
import { onePixelPng } from "../../../test/helpers/pictures.js";

describe("a municipality's own logo", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let askersund: TestMunicipality;
  let laxa: TestMunicipality;
  let admin: Session;
  let officer: Session;

  beforeAll(async () => {
    db = await createTestDatabase();
    askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
    laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
    await buildUser(db.app, askersund, { roles: ["case_officer"], email: "handlaggare@askersund.test" });
    app = await buildTestApp(db.app);
    admin = await login(app, askersund.host, "admin@askersund.test");
    officer = await login(app, askersund.host, "handlaggare@askersund.test");
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const upload = (session: Session, file: { filename: string; content: Buffer; type?: string }) => {
    const body = multipart({ _csrf: session.csrf }, [{ name: "logo", ...file }]);
    return app.inject({
      method: "POST",
      url: "/admin/installningar/logotyp",
      headers: { host: session.host, cookie: session.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
  };
  const get = (url: string, host = askersund.host) => app.inject({ method: "GET", url, headers: { host } });

  it("refuses what is not a picture by its content, whatever its name says, and a picture over 1 MB, keeping the settings form as saved", async () => {
    const script = await upload(admin, {
      filename: "logo.png",
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      type: "image/png",
    });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain("måste vara en PNG-, JPEG- eller WebP-bild");
    expect(script.body).toContain('value="Askersunds kommun"');
    const pdf = await upload(admin, { filename: "logo.pdf", content: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF") });
    expect(pdf.statusCode).toBe(400);
    const huge = await upload(admin, { filename: "stor.png", content: Buffer.concat([onePixelPng, Buffer.alloc(1024 * 1024 + 10)]) });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain("största tillåtna storlek är 1 MB");
    expect((await get("/")).body).not.toContain("/kommun/logotyp");
    expect((await upload(officer, { filename: "logo.png", content: onePixelPng })).statusCode).toBe(403);
  });

  it("shows a saved logo in the header of the municipality's pages only, served by its version for a year, and takes it away again", async () => {
    const saved = await upload(admin, { filename: "askersund.png", content: onePixelPng });
    expect(saved.statusCode, saved.body.slice(0, 3000)).toBe(303);
    const page = (await get("/")).body;
    const src = /<img class="brand-logo" src="(\/kommun\/logotyp\?v=[0-9a-f]{12})" alt(?:="")?\/>/.exec(page)?.[1];
    expect(src, /<header[\s\S]*?<\/p>/.exec(page)?.[0]).toBeDefined();
    const logo = await get(src!);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(logo.rawPayload.equals(onePixelPng)).toBe(true);
    // Laxå has none, and its host does not serve Askersund's.
    expect((await get("/", laxa.host)).body).not.toContain("/kommun/logotyp");
    expect((await get(src!, laxa.host)).statusCode).toBe(404);
    const audited = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select("action").where("record_type", "=", "municipality").where("action", "like", "logo.%").execute(),
    );
    expect(audited.map((row) => row.action)).toEqual(["logo.saved"]);

    // Removing asks first, then the header shows the name alone.
    const asked = await app.inject({
      method: "POST",
      url: "/admin/installningar/logotyp/ta-bort",
      headers: { host: admin.host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: admin.csrf }),
    });
    expect(asked.body).toContain("Ta bort kommunens logotyp?");
    const removed = await app.inject({
      method: "POST",
      url: "/admin/installningar/logotyp/ta-bort",
      headers: { host: admin.host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: admin.csrf, confirmed: "yes" }),
    });
    expect(removed.statusCode).toBe(303);
    expect((await get("/")).body).not.toContain("/kommun/logotyp");
    expect((await get(src!)).statusCode).toBe(404);
  });
});
