import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import type { PageContext } from "../../ui/context.js";
import { maskedNumber } from "../person.js";
import type { ErasureReport, PersonHit, PersonKey, RegisterExtract } from "../service.js";
import type { MessageKey } from "../../ui/i18n.js";
import { ExtractValue } from "./value.js";

interface PrivacyPageProps {
  ctx: PageContext;
  found: Array<{ title: MessageKey; hits: PersonHit[] }> | null;
  person: PersonKey | null;
  extract: RegisterExtract | null;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export const personLabel = (person: PersonKey) => (person.kind === "email" ? person.email : maskedNumber(person.digits));

/** The data-protection officer's page: find a person in every module, read their extract, erase. */
export function PrivacyPage({ ctx, found, person, extract, errors, values }: PrivacyPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("privacy.title")}>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <p>
        <a href="/admin/dataskydd/behandlingar">{t("privacy.processing_link")}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/dataskydd" method="get" csrfToken={ctx.csrfToken} class="filters">
        <TextField name="q" label={t("privacy.query")} hint={t("privacy.query_hint")} errors={errors} values={values} t={t} autocomplete="off" />
        <Button variant="secondary">{t("privacy.search")}</Button>
      </Form>
      {found ? <Hits ctx={ctx} found={found} /> : null}
      {person && extract ? <Extract ctx={ctx} person={person} extract={extract} /> : null}
    </Layout>
  );
}

function Hits({ ctx, found }: { ctx: PageContext; found: Array<{ title: MessageKey; hits: PersonHit[] }> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="hits">
      <h2 id="hits">{t("privacy.hits")}</h2>
      {found.length === 0 ? <p>{t("privacy.no_hits")}</p> : null}
      {found.map((part) => (
        <>
          <h3>{t(part.title)}</h3>
          <ul>
            {part.hits.map((hit) => (
              <li>
                {t(hit.what)}: {hit.name ?? "–"}
                {hit.email ? (
                  <>
                    {" · "}
                    <a href={`/admin/dataskydd?q=${encodeURIComponent(hit.email)}`}>{hit.email}</a>
                  </>
                ) : null}
                {hit.href ? (
                  <>
                    {" · "}
                    <a href={hit.href}>{t("privacy.open_record")}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

function Extract({ ctx, person, extract }: { ctx: PageContext; person: PersonKey; extract: RegisterExtract }) {
  const { t, lang } = ctx;
  const query = person.kind === "email" ? person.email : person.digits;
  return (
    <section aria-labelledby="extract">
      <h2 id="extract">{t("privacy.extract_for", { person: personLabel(person) })}</h2>
      <p>
        <a href={`/admin/dataskydd/registerutdrag.json?q=${encodeURIComponent(query)}`} download>
          {t("privacy.extract_json")}
        </a>
      </p>
      {extract.parts.length === 0 ? <p>{t("privacy.nothing_held")}</p> : null}
      {extract.parts.map((part) => (
        <section class="card">
          <h3>{t(part.title)}</h3>
          <dl class="extract-fields">
            <div>
              <dt>{t("privacy.lawful_basis")}</dt>
              <dd>
                {[part.lawful_basis]
                  .flat()
                  .map((basis) => t(`privacy.basis.${basis}`))
                  .join(", ")}
              </dd>
            </div>
            <div>
              <dt>{t("privacy.source")}</dt>
              <dd>{t(part.source)}</dd>
            </div>
            <div>
              <dt>{t("privacy.retention")}</dt>
              <dd>{t(part.retention)}</dd>
            </div>
          </dl>
          <ExtractValue value={part.records} t={t} lang={lang} />
        </section>
      ))}
      <h3>{t("privacy.erase_heading")}</h3>
      <p>{t("privacy.erase_text")}</p>
      <Form action="/admin/dataskydd/radera" csrfToken={ctx.csrfToken}>
        <input type="hidden" name="q" value={query} />
        <Button variant="danger">{t("privacy.erase")}</Button>
      </Form>
    </section>
  );
}

/** What one erasure did, source by source: what went, and what was kept and why. */
export function ErasurePage({ ctx, person, report }: { ctx: PageContext; person: PersonKey; report: ErasureReport }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("privacy.erased_title")}>
      <h1>{t("privacy.erased_title")}</h1>
      <p role="status">{t("privacy.erased_for", { person: personLabel(person) })}</p>
      {report.parts.map((part) => (
        <section class="card">
          <h2>{t(part.title)}</h2>
          <ul>
            {part.erased.map((row) => (
              <li>{t("privacy.erased_row", { what: t(row.what), count: row.count })}</li>
            ))}
            {part.kept.map((row) => (
              <li>
                {row.count === null
                  ? t("privacy.kept_row_all", { what: t(row.what), why: t(row.why) })
                  : t("privacy.kept_row", { what: t(row.what), count: row.count, why: t(row.why) })}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <a href="/admin/dataskydd">{t("privacy.back")}</a>
      </p>
    </Layout>
  );
}
