import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../errors.js";
import { AppError } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { pageAbove } from "../http/confirm.js";
import { cookieName, cookieOptions } from "../http/cookies.js";
import { formProblems, idParams, noInput, serviceProblems } from "../http/forms.js";
import { formState } from "../http/form-state.js";
import { localPath } from "../http/local-path.js";
import { operationContext } from "../http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import * as factors from "./second-factor-service.js";
import * as auth from "./service.js";
import { secondFactorWaitMs, sessionLimits } from "./service.js";
import { CodePage, RecoveryCodesPage, SecondFactorPage } from "./views/second-factor.js";

const codeInput = z.object({ code: z.string({ message: "required" }).trim().min(1, "required").max(40, "too_long"), next: z.string().max(500).optional() });
const offInput = z.object({ off_code: z.string({ message: "required" }).trim().min(1, "required").max(40, "too_long") });

/**
 * The second factor's pages: the sign-in's code step (the password opened a waiting session,
 * carried in a cookie of its own for five minutes), setting the factor up on one's account,
 * new recovery codes, turning it off where it is not required, and an administrator's reset.
 */
export async function secondFactorRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Reachable before the account is fully set up: a temporary password or a missing second factor.
  const setup = { kind: "page" as const, allowedWithTemporaryPassword: true };
  const issuer = (request: FastifyRequest) => `Lotsen ${request.municipality?.name ?? ""}`.trim();
  const labels = (request: FastifyRequest) => ({ code: request.t("second_factor.code"), off_code: request.t("second_factor.code_for_off") });

  app.get(
    "/logga-in/kod",
    { config: { ...setup, access: "public" }, schema: { hide: true, querystring: z.object({ next: z.string().max(500).optional() }) } },
    async (request, reply) =>
      sendPage(
        reply,
        <CodePage ctx={pageContext(request, services.secret)} waiting={Boolean(request.cookies[cookieName(request, "pending")])} next={request.query.next} />,
      ),
  );

  app.post(
    "/logga-in/kod",
    { config: { ...setup, access: "public", rateLimit: { max: 20, timeWindow: "1 minute" } }, attachValidation: true, schema: { hide: true, body: codeInput } },
    async (request, reply) => {
      const pending = request.cookies[cookieName(request, "pending")];
      const show = (problems: FieldProblem[], status: number) => {
        const state = formState(request, problems, labels(request));
        return sendPage(
          reply,
          <CodePage ctx={pageContext(request, services.secret)} waiting={Boolean(pending)} next={request.body?.next} errors={state.errors} values={{}} />,
          status,
        );
      };
      const problems = formProblems(request);
      if (problems) {
        return show(problems, 400);
      }
      if (!pending || !request.municipality) {
        return show([{ path: "code", message: "second_factor_expired" }], 401);
      }
      try {
        const { sessionToken, actor } = await factors.completeSignIn(
          services.db,
          { municipalityId: request.municipality.id },
          services.secret,
          pending,
          request.body.code,
          request.id,
        );
        reply.clearCookie(cookieName(request, "pending"), cookieOptions(request));
        reply.setCookie(cookieName(request, "session"), sessionToken, cookieOptions(request, sessionLimits.absoluteMs / 1000));
        const next = localPath(request.body.next);
        return reply.code(303).redirect(actor.kind === "user" && actor.mustChangePassword ? "/konto/losenord" : next.startsWith("/logga-") ? "/" : next);
      } catch (error) {
        if (error instanceof AppError && ["wrong_code", "account_locked", "second_factor_expired"].includes(error.code)) {
          if (error.code !== "wrong_code") {
            reply.clearCookie(cookieName(request, "pending"), cookieOptions(request));
          }
          return show(error.fields, error.status);
        }
        throw error;
      }
    },
  );

  const showAccount = async (request: FastifyRequest, reply: FastifyReply, problems?: FieldProblem[], status = 200) => {
    const view = await factors.secondFactorView(operationContext(request, services), services.secret, issuer(request));
    const state = formState(request, problems, labels(request));
    return sendPage(reply, <SecondFactorPage ctx={pageContext(request, services.secret)} view={view} errors={state.errors} values={{}} />, status);
  };

  app.get("/konto/tvastegs", { config: setup, schema: { ...noInput, hide: true } }, async (request, reply) => showAccount(request, reply));

  const withCode = (path: string, act: (request: FastifyRequest<{ Body: { code: string } }>) => Promise<string[]>) =>
    app.post(path, { config: setup, attachValidation: true, schema: { hide: true, body: codeInput } }, async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showAccount(request, reply, problems, 400);
      }
      try {
        const codes = await act(request);
        return sendPage(reply, <RecoveryCodesPage ctx={pageContext(request, services.secret)} codes={codes} />);
      } catch (error) {
        return showAccount(request, reply, serviceProblems(error), 400);
      }
    });
  withCode("/konto/tvastegs", (request) => factors.confirmEnrolment(operationContext(request, services), services.secret, request.body.code));
  withCode("/konto/tvastegs/nya-koder", (request) => factors.replaceRecoveryCodes(operationContext(request, services), services.secret, request.body.code));

  app.post("/konto/tvastegs/stang-av", { config: setup, attachValidation: true, schema: { hide: true, body: offInput } }, async (request, reply) => {
    const problems = formProblems(request);
    if (problems) {
      return showAccount(request, reply, problems, 400);
    }
    try {
      await factors.turnOff(operationContext(request, services), services.secret, request.body.off_code);
    } catch (error) {
      return showAccount(
        request,
        reply,
        serviceProblems(error).map((problem) => ({ ...problem, path: "off_code" })),
        400,
      );
    }
    return redirectAfterPost(reply, "/konto/tvastegs", "second_factor.turned_off");
  });

  app.post(
    "/admin/konton/:id/tvastegs",
    {
      config: {
        kind: "page",
        record: "user",
        // The account is read in the municipality's scope first: another municipality's is a 404 before anything is asked.
        confirm: async (request) => ({
          title: request.t("second_factor.reset_confirm_title", {
            name: (await auth.getUser(operationContext(request, services), (request.params as { id: string }).id)).name,
          }),
          text: request.t("second_factor.reset_confirm_text"),
          button: request.t("second_factor.reset"),
          back: pageAbove(request),
        }),
      },
      schema: { ...noInput, hide: true, params: idParams },
    },
    async (request, reply) => {
      await factors.resetSecondFactor(operationContext(request, services), request.params.id);
      return redirectAfterPost(reply, `/admin/konton/${request.params.id}`, "second_factor.reset_done");
    },
  );
}

/** Sets the waiting sign-in's cookie: the password was right, the code comes next. */
export function setPendingCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieName(request, "pending"), token, cookieOptions(request, secondFactorWaitMs / 1000));
}
