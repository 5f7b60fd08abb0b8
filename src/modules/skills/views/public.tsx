import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { BotGuard, Button, Checkbox, ErrorSummary, Form } from "../../../platform/ui/components/form/form.js";
import { Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { Opening } from "../opening-service.js";
import { occupationLabel, placeName } from "../presenter.js";
import { OpeningFields } from "./openings.js";
import { joined, type FormPage } from "./parts.js";

/** The public list of open jobs, internships and summer jobs, with the feed. */
export function JobsPage({ ctx, openings, page, hasNext }: { ctx: PageContext; openings: Opening[]; page: number; hasNext: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("skills.jobs_title")}>
      <h1>{t("skills.jobs_title")}</h1>
      <p>
        {t("skills.jobs_intro")} <a href="/jobb/rss.xml">{t("skills.feed")}</a>
      </p>
      <p>
        <a href="/jobb/annonsera">{t("skills.post_link")}</a>
      </p>
      {openings.length === 0 ? <p class="empty">{t("skills.jobs_none")}</p> : null}
      <ul class="card-list">
        {openings.map((opening) => (
          <li>
            <h2>
              <a href={`/jobb/${opening.id}`}>{opening.title}</a>
            </h2>
            <p class="meta">{[opening.employer, placeName(opening.workplace_municipality), t(`skills.kind.${opening.kind}`)].filter(Boolean).join(" · ")}</p>
            <p>{opening.apply_by ? t("skills.apply_by_date", { date: formatDate(opening.apply_by, lang) }) : t("skills.apply_open")}</p>
          </li>
        ))}
      </ul>
      <Pagination baseUrl="/jobb" page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function JobPage({ ctx, opening, open, structured }: { ctx: PageContext; opening: Opening; open: boolean; structured: string }) {
  const { t, lang } = ctx;
  const must = opening.skills.filter((skill) => skill.must).map((skill) => skill.name);
  const wanted = opening.skills.filter((skill) => !skill.must).map((skill) => skill.name);
  return (
    <Layout ctx={ctx} title={opening.title}>
      <article>
        <h1>{opening.title}</h1>
        <p class="lead">{opening.employer}</p>
        {open ? null : (
          <p class="notice" role="status">
            {t("skills.job_closed")}
          </p>
        )}
        <dl class="facts">
          <dt>{t("skills.kind")}</dt>
          <dd>{t(`skills.kind.${opening.kind}`)}</dd>
          <dt>{t("skills.occupation")}</dt>
          <dd lang="sv">{occupationLabel(opening.occupation)}</dd>
          <dt>{t("skills.extent")}</dt>
          <dd>{`${opening.extent} %`}</dd>
          <dt>{t("skills.places")}</dt>
          <dd>{opening.places}</dd>
          <dt>{t("skills.duration")}</dt>
          <dd>{opening.duration ?? "–"}</dd>
          <dt>{t("skills.starts_on")}</dt>
          <dd>{formatDate(opening.starts_on, lang)}</dd>
          <dt>{t("skills.apply_by")}</dt>
          <dd>{formatDate(opening.apply_by, lang)}</dd>
          <dt>{t("skills.workplace")}</dt>
          <dd>{joined([opening.workplace_address, placeName(opening.workplace_municipality)].filter((part): part is string => Boolean(part)))}</dd>
          <dt>{t("skills.must_skills")}</dt>
          <dd>{joined(must)}</dd>
          <dt>{t("skills.wanted_skills")}</dt>
          <dd>{joined(wanted)}</dd>
          <dt>{t("skills.languages")}</dt>
          <dd>{joined(opening.languages)}</dd>
          <dt>{t("skills.licences")}</dt>
          <dd>{joined(opening.licences)}</dd>
        </dl>
        {opening.description.split(/\n{2,}/).map((paragraph) => (
          <p>{paragraph}</p>
        ))}
        {open && (opening.contact_name || opening.contact_email || opening.contact_phone) ? (
          <>
            <h2>{t("skills.how_to_apply")}</h2>
            <p>
              {[opening.contact_name, opening.contact_phone].filter(Boolean).join(", ")}
              {opening.contact_email ? (
                <>
                  {" "}
                  <a href={`mailto:${opening.contact_email}`}>{opening.contact_email}</a>
                </>
              ) : null}
            </p>
          </>
        ) : null}
        {open ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structured }} /> : null}
      </article>
      <p>
        <a href="/jobb">{t("skills.all_jobs")}</a>
      </p>
    </Layout>
  );
}

/** The public form a business posts an opening with; after a post, what happens next. */
export function PostOpeningPage({ ctx, stamp, done, errors, values }: FormPage & { stamp: string; done: "sent" | "verified" | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("skills.post_title")}>
      <h1>{t("skills.post_title")}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(done === "sent" ? "skills.post_sent" : "skills.post_verified")}
        </p>
      ) : (
        <>
          <p>{t("skills.post_intro")}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/jobb/annonsera" csrfToken={ctx.csrfToken}>
            <OpeningFields ctx={ctx} errors={errors} values={values ?? { kind: "job", extent: "100", places: "1" }} business />
            <p>{t("skills.post_consent_text")}</p>
            <Checkbox name="consent" label={t("skills.post_consent")} checked={values?.consent === "on"} errors={errors} t={t} />
            <BotGuard stamp={stamp} t={t} />
            <div class="actions">
              <Button>{t("skills.post_send")}</Button>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}

/** The page a posting's mailed link opens: a button confirms it, so a mail scanner that follows links confirms nothing. */
export function VerifyPostingPage({ ctx, opening, token }: { ctx: PageContext; opening: Opening; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("skills.verify_title")}>
      <h1>{t("skills.verify_title")}</h1>
      <p>{t("skills.verify_text", { title: opening.title, employer: opening.employer })}</p>
      <Form action={`/jobb/bekrafta/${token}`} csrfToken={ctx.csrfToken}>
        <Button>{t("skills.verify_button")}</Button>
      </Form>
    </Layout>
  );
}
