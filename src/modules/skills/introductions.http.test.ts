import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { openingValues, seekerValues } from "../../../test/helpers/skills.js";
import { outcomeValue } from "./outcome-service.js";
import { inScope } from "../../platform/db/database.js";
import { skillsJobHandlers } from "./jobs.js";
import * as matching from "./match-service.js";
import * as openings from "./opening-service.js";
import * as seekers from "./seeker-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let officer: Session;
let developer: Session;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["labour_market_officer"], email: "arbetsmarknad@askersund.test", name: "Alva Arbetsmarknad" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  app = await buildTestApp(db.app);
  officer = await login(app, askersund.host, "arbetsmarknad@askersund.test");
  developer = await login(app, askersund.host, "utvecklare@askersund.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const ctx = (municipality = askersund) => systemContext(db.app, municipality);
const post = (session: Session, url: string, values: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: session.csrf }),
  });
const get = (url: string, session?: Session) =>
  app.inject({ method: "GET", url, headers: { host: askersund.host, ...(session ? { cookie: session.cookie } : {}) } });
const published = async (changes: Parameters<typeof openingValues>[0] = {}) => {
  const id = await openings.createOpening(ctx(), openingValues(changes));
  await openings.setStatus(ctx(), id, "published");
  return id;
};

describe("matching and introductions", () => {
  it("shortlists the seekers who meet the requirements, explains each, and rules out the rest unless asked", async () => {
    const opening = await published({
      title: "Lagerarbetare",
      occupation: "4322",
      must_skills: ["Truckkort"],
      wanted_skills: [{ name: "Plock", must: false, weight: 2 }],
      languages: ["svenska"],
    });
    const fits = await seekers.createSeeker(
      ctx(),
      seekerValues({ name: "Pia Passar", occupations: ["4322"], skills: ["truckkort", "Plock"], languages: ["Svenska"] }),
    );
    await seekers.createSeeker(ctx(), seekerValues({ name: "Olle Utan", occupations: ["4322"], skills: ["Plock"], languages: ["svenska"] }));
    const page = await get(`/kompetens/annonser/${opening}/matchning`, officer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Pia Passar");
    expect(page.body).toContain("Uppfyller kravet: Truckkort");
    expect(page.body).toContain("Har allt meriterande: Plock");
    expect(page.body).not.toContain("Olle Utan");
    const all = await get(`/kompetens/annonser/${opening}/matchning?alla=1`, officer);
    expect(all.body).toContain("Olle Utan");
    expect(all.body).toContain("Saknar kravet: Truckkort");
    expect(all.body).toContain("1 arbetssökande saknar något som annonsen kräver.");
    // Each look is one row of the read log naming everyone it showed, and in each shown person's own log.
    const looks = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_shortlist_reads").select(["seeker_ids", "reader_name"]).where("opening_id", "=", opening).orderBy("read_at").execute(),
    );
    expect(looks.map((look) => [look.seeker_ids.length, look.reader_name])).toEqual([
      [1, "Alva Arbetsmarknad"],
      [2, "Alva Arbetsmarknad"],
    ]);
    expect(looks[0]!.seeker_ids).toEqual([fits]);
    const log = (await seekers.getSeeker(ctx(), fits)).reads;
    expect(log.filter((read) => read.what === "matches")).toHaveLength(2);
    expect((await get(`/kompetens/annonser/${opening}/matchning`, developer)).statusCode).toBe(403);
  });

  it("keeps a ranked shortlist until a seeker, the opening or an introduction changes, and logs every look, kept or ranked", async () => {
    const opening = await published({ title: "Bagare", occupation: "7412", must_skills: ["Surdeg"] });
    const filter = { alla: false, plats: false, i_tid: false };
    const first = await seekers.createSeeker(ctx(), seekerValues({ name: "Bo Bagare", occupations: ["7412"], skills: ["Surdeg"], extent: 50 }));
    const kept = await matching.shortlistForOpening(ctx(), opening, filter);
    expect(await matching.shortlistForOpening(ctx(), opening, filter)).toBe(kept);

    // A better match is registered: the next look ranks anew and shows her first.
    const better = await seekers.createSeeker(ctx(), seekerValues({ name: "Greta Gräddare", occupations: ["7412"], skills: ["Surdeg"] }));
    const page = await get(`/kompetens/annonser/${opening}/matchning`, officer);
    expect(page.body.indexOf("Greta Gräddare")).toBeLessThan(page.body.indexOf("Bo Bagare"));
    expect(page.body.indexOf("Greta Gräddare")).toBeGreaterThan(0);
    // From the shortlist the row's button proposes its seeker; the person's consent is asked before the employer is contacted.
    expect(page.body).toContain(`name="seeker_id" value="${better}"`);
    expect(page.body).not.toContain('name="consent"');
    expect(page.body).toContain("Den som föreslås tillfrågas om samtycke innan arbetsgivaren kontaktas");
    expect((await post(officer, "/kompetens/formedlingar", { opening_id: opening, seeker_id: better })).statusCode).toBe(303);
    expect(page.body).not.toContain("Redan föreslagen");
    expect((await get(`/kompetens/annonser/${opening}/matchning`, officer)).body).toContain("Redan föreslagen");

    // The opening now asks for what neither has: nobody is left.
    await openings.updateOpening(ctx(), opening, openingValues({ title: "Bagare", occupation: "7412", must_skills: ["Konditori"] }));
    expect((await matching.shortlistForOpening(ctx(), opening, filter)).rows).toEqual([]);

    const looks = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_shortlist_reads").select("seeker_ids").where("opening_id", "=", opening).orderBy("read_at").execute(),
    );
    // Every look that showed someone is logged, the kept ones too; the empty one showed nobody.
    expect(looks.map((look) => look.seeker_ids)).toEqual([[first], [first], [better, first], [better, first]]);
  });

  it("takes an introduction from proposal to placement, asks for consent before the employer sees the profile, and fills the opening's places", async () => {
    const opening = await published({ title: "Kock, en plats", places: 1 });
    const first = await seekers.createSeeker(ctx(), seekerValues({ name: "Första Kocken" }));
    const second = await seekers.createSeeker(ctx(), seekerValues({ name: "Andra Kocken" }));
    expect((await post(officer, "/kompetens/formedlingar", { seeker_id: first, opening_id: opening })).statusCode).toBe(303);
    const [introduction] = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_introductions").select("id").where("seeker_id", "=", first).execute(),
    );
    const path = `/kompetens/formedlingar/${introduction!.id}`;

    const withoutConsent = await post(officer, path, { status: "contacted" });
    expect(withoutConsent.statusCode).toBe(400);
    expect(withoutConsent.body).toContain("Arbetsgivaren får inte se profilen utan personens samtycke");
    expect((await post(officer, path, { status: "contacted", consent: "on" })).statusCode).toBe(303);
    expect((await post(officer, path, { status: "proposed" })).body).toContain("Förmedlingen kan inte ta det steget härifrån");
    expect((await post(officer, path, { status: "placed" })).statusCode).toBe(303);

    const after = await openings.getOpening(ctx(), opening);
    expect(after.opening.filled).toBe(1);
    expect(after.introductions[0]!.steps.map((step) => [step.status, step.by])).toEqual([
      ["proposed", "Alva Arbetsmarknad"],
      ["contacted", "Alva Arbetsmarknad"],
      ["placed", "Alva Arbetsmarknad"],
    ]);
    const placed = await seekers.getSeeker(ctx(), first);
    expect(placed.seeker.status).toBe("placed");
    expect(placed.statuses.map((row) => row.status)).toEqual(["searching", "placed"]);

    // The one place is filled: nobody else can be proposed for it.
    const full = await post(officer, "/kompetens/formedlingar", { seeker_id: second, opening_id: opening });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("Annonsen är inte publicerad eller har inga lediga platser");
  });

  it("follows a placement up 90 days after it ends, reminds the officer once, and counts the outcome in the year's indicators", async () => {
    const alva = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select("id").where("email", "=", "arbetsmarknad@askersund.test").executeTakeFirstOrThrow(),
    );
    const opening = await published({ title: "Sommarkock", places: 2 });
    const seeker = await seekers.createSeeker(ctx(), seekerValues({ name: "Sara Sommar", officer_id: alva.id }));
    const introduction = await matching.propose(ctx(), { seeker_id: seeker, opening_id: opening, consent: true });
    const path = `/kompetens/formedlingar/${introduction}`;
    expect((await post(officer, path, { status: "contacted" })).statusCode).toBe(303);
    const backwards = await post(officer, path, { status: "placed", starts_on: "2027-06-01", ends_on: "2027-05-01" });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain("kan inte vara före början av perioden");
    expect((await post(officer, path, { status: "placed", starts_on: "2027-06-01", ends_on: "2027-08-31" })).statusCode).toBe(303);
    const placed = (await seekers.getSeeker(ctx(), seeker)).introductions[0]!;
    expect(placed).toMatchObject({ starts_on: "2027-06-01", ends_on: "2027-08-31", follow_up_due: "2027-11-29", follow_up: null });

    const remind = (at: string) => skillsJobHandlers(db.app, undefined, () => new Date(at))["skills.follow-ups"]!({} as never);
    const reminders = () =>
      inScope(db.app, askersund.scope, (tx) =>
        sql<{ to_address: string; text_body: string }>`select to_address, text_body from mail_outbox where purpose = 'skills.follow_up_due'`.execute(tx),
      );
    await remind("2027-11-28T12:00:00Z");
    expect((await reminders()).rows).toEqual([]);
    await remind("2027-11-29T07:00:00Z");
    await remind("2027-11-30T07:00:00Z");
    const sent = (await reminders()).rows;
    expect(sent.map((row) => row.to_address)).toEqual(["arbetsmarknad@askersund.test"]);
    expect(sent[0]!.text_body).toContain(`/kompetens/arbetssokande/${seeker}`);
    expect(sent[0]!.text_body).not.toContain("Sara Sommar");

    expect((await post(officer, `${path}/uppfoljning`, { follow_up: "in_work" })).statusCode).toBe(303);
    expect((await post(officer, `${path}/uppfoljning`, { follow_up: "other" })).body).toContain("inte en placering som väntar på uppföljning");
    const year = new Date().getFullYear();
    expect(await outcomeValue(db.app, askersund.scope, "skills.indicator_in_work_share", 2027)).toBe(100);
    expect(await outcomeValue(db.app, askersund.scope, "skills.indicator_people_placed", year)).toBeGreaterThanOrEqual(1);
    expect(await outcomeValue(db.app, askersund.scope, "skills.indicator_median_days_to_fill", year)).toBeGreaterThanOrEqual(0);
    expect(await outcomeValue(db.app, askersund.scope, "skills.indicator_people_placed", 2001)).toBeNull();
  });

  it("filters a shortlist to those who can work at the workplace and are available by the start", async () => {
    const opening = await published({ title: "Kock i Askersund", workplace_municipality: "1882", starts_on: "2027-03-01" });
    await seekers.createSeeker(ctx(), seekerValues({ name: "Hanna Här", places: ["1882"] }));
    await seekers.createSeeker(ctx(), seekerValues({ name: "Lars Långt", places: ["1860"] }));
    await seekers.createSeeker(ctx(), seekerValues({ name: "Sen Sigge", available_from: "2027-06-01" }));
    const all = (await get(`/kompetens/annonser/${opening}/matchning`, officer)).body;
    expect(["Hanna Här", "Lars Långt", "Sen Sigge"].every((name) => all.includes(name))).toBe(true);
    const filtered = (await get(`/kompetens/annonser/${opening}/matchning?plats=on&i_tid=on`, officer)).body;
    expect(filtered).toContain("Hanna Här");
    expect(filtered).not.toContain("Lars Långt");
    expect(filtered).not.toContain("Sen Sigge");
  });

  it("keeps a shortlist's page per filter: each request shows the boxes its reader ticked", async () => {
    const opening = await published({ title: "Kock i Hammar", workplace_municipality: "1882" });
    await seekers.createSeeker(ctx(), seekerValues({ name: "Hanna Här", places: ["1882"] }));
    const path = `/kompetens/annonser/${opening}/matchning`;
    const placeTicked = (body: string) => /<input[^>]*name="plats"[^>]*checked/.test(body);
    expect(placeTicked((await get(path, officer)).body)).toBe(false);
    const filtered = (await get(`${path}?plats=on`, officer)).body;
    expect(placeTicked(filtered)).toBe(true);
    expect(filtered).toContain("Hanna Här");
    expect(placeTicked((await get(path, officer)).body)).toBe(false);
  });

  it("gives the employer an anonymous profile until the person consents to that introduction, each profile a logged read", async () => {
    const opening = await published({ title: "Kock med profil" });
    const seeker = await seekers.createSeeker(ctx(), seekerValues({ name: "Pelle Profil", email: "pelle@example.se", skills: ["Bakning"] }));
    const introduction = await matching.propose(ctx(), { seeker_id: seeker, opening_id: opening, consent: false });
    const anonymous = await get(`/kompetens/formedlingar/${introduction}/profil`, officer);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain("Kandidat (anonym)");
    expect(anonymous.body).toContain("Bakning");
    expect(anonymous.body).not.toContain("Pelle Profil");
    expect(anonymous.body).not.toContain("pelle@example.se");
    expect((await post(officer, `/kompetens/formedlingar/${introduction}`, { status: "contacted", consent: "on" })).statusCode).toBe(303);
    const named = await get(`/kompetens/formedlingar/${introduction}/profil`, officer);
    expect(named.body).toContain("Pelle Profil");
    expect(named.body).toContain("pelle@example.se");
    const reads = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_seeker_reads").select("what").where("seeker_id", "=", seeker).where("what", "=", "profile").execute(),
    );
    expect(reads).toHaveLength(2);
  });

  it("cannot propose another municipality's seeker or reach its introduction", async () => {
    const theirs = await seekers.createSeeker(ctx(laxa), seekerValues({ name: "Lena Laxå" }));
    const theirOpening = await openings.createOpening(ctx(laxa), openingValues());
    await openings.setStatus(ctx(laxa), theirOpening, "published");
    const introduction = await matching.propose(ctx(laxa), { seeker_id: theirs, opening_id: theirOpening, consent: true });
    const ours = await published();
    expect((await post(officer, "/kompetens/formedlingar", { seeker_id: theirs, opening_id: ours })).statusCode).toBe(404);
    expect((await post(officer, `/kompetens/formedlingar/${introduction}`, { status: "withdrawn" })).statusCode).toBe(404);
    expect((await get(`/kompetens/arbetssokande/${theirs}`, officer)).statusCode).toBe(404);
  });
});
