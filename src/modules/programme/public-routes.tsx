import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { AppServices } from "../../platform/http/app.js";
import { idParams, noInput } from "../../platform/http/forms.js";
import { operationContext, requestScope } from "../../platform/http/operation.js";
import { pageContext, sendPage, sendStoredPage } from "../../platform/http/render.js";
import { canProgramme } from "./policy.js";
import { rollUp } from "./rules.js";
import * as programmes from "./service.js";
import * as followUps from "./follow-up-service.js";
import { snapshotRows } from "./snapshot.js";
import { PublicProgrammePage, PublicProgrammesPage } from "./views/public.js";
import { SnapshotPage } from "./views/snapshot.js";
import { ReportingPage } from "./views/follow-up.js";

/** The scope of a public page: the municipality the host serves. */
export function publicScope(request: FastifyRequest) {
  return requestScope(request);
}

/** The public programme pages and published follow-ups (no login), and the owner's reporting page. */
export async function programmePublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const publicPage = { kind: "page" as const, access: "public" as const };

  app.get("/program", { config: publicPage, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const scope = publicScope(request);
    const list = await programmes.listPublicProgrammes(services.db, scope);
    const details = await Promise.all(list.map((programme) => programmes.getPublicProgramme(services.db, scope, programme.id)));
    const progress = new Map(details.map((detail) => [detail.programme.id, rollUp(detail.actions)]));
    return sendPage(reply, <PublicProgrammesPage ctx={pageContext(request, services.secret)} programmes={list} progress={progress} />);
  });

  app.get("/program/:id", { config: { ...publicPage, record: "programme" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = request.actor;
    const staff = actor !== null && canProgramme(actor, "programme.read");
    // Staff may look at a draft's public page before it is adopted; the public may not.
    if (staff) {
      const detail = await programmes.getProgramme(operationContext(request, services), request.params.id);
      return sendPage(reply, <PublicProgrammePage ctx={pageContext(request, services.secret)} detail={detail} staffLink />);
    }
    // The public page is rendered once per stored version of the programme and per day.
    const scope = publicScope(request);
    const version = await programmes.publicProgrammeVersion(services.db, scope, request.params.id);
    return sendStoredPage(reply, services, version, async (ctx) => (
      <PublicProgrammePage ctx={ctx} detail={await programmes.getPublicProgramme(services.db, scope, request.params.id)} staffLink={false} />
    ));
  });

  app.get("/uppfoljning/:id", { config: { ...publicPage, record: "followUp" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const followUp = await followUps.getFollowUp(services.db, publicScope(request), request.params.id);
    return sendPage(reply, <SnapshotPage ctx={pageContext(request, services.secret)} followUp={followUp} />);
  });

  app.get("/uppfoljning/:id/csv", { config: { access: "public", record: "followUp" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const followUp = await followUps.getFollowUp(services.db, publicScope(request), request.params.id);
    const rows = snapshotRows(followUp.snapshot, request.t("programme.csv_header").split(";"));
    // A byte-order mark and semicolons: what spreadsheet programs with Swedish settings open correctly.
    const body = `\ufeff${stringify(rows, { delimiter: ";", record_delimiter: "\r\n", cast: spreadsheetCast })}`;
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="uppfoljning-${followUp.year}-v${followUp.revision}.csv"`)
      .header("cache-control", "no-store")
      .send(body);
  });

  app.get("/rapportering", { config: { kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    const [tasks, overview] = await Promise.all([followUps.reportingTasks(ctx), followUps.reportingOverview(ctx)]);
    return sendPage(reply, <ReportingPage ctx={pageContext(request, services.secret)} tasks={tasks} overview={overview} />);
  });
}
