import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField } from "../../../platform/ui/components/form/form.js";
import type { PersonExtract } from "../records-service.js";
import { SurveysNav, type FormPage } from "./parts.js";

/** A person's register extract by address (GDPR art. 15), and their erasure (art. 17). */
export function RecordsPage({ ctx, email, extract, errors, values }: FormPage & { email: string | undefined; extract: PersonExtract | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("surveys.nav_records")}>
      <h1>{t("surveys.nav_records")}</h1>
      <SurveysNav ctx={ctx} current="records" people />
      <p>{t("surveys.records_intro")}</p>
      <form method="get" action="/enkater/personuppgifter" class="filters">
        <label class="label" for="f-extract-email">
          {t("surveys.email")}
        </label>
        <input id="f-extract-email" name="email" type="email" value={email ?? ""} autocomplete="off" />
        <button type="submit" class="button button-secondary">
          {t("surveys.extract")}
        </button>
      </form>
      {extract ? (
        <section aria-labelledby="extract">
          <h2 id="extract">{t("surveys.extract_for", { email: extract.email })}</h2>
          <pre class="extract" tabindex={0}>
            {JSON.stringify(extract, null, 2)}
          </pre>
          <Form action="/enkater/personuppgifter/radera" csrfToken={ctx.csrfToken}>
            <input type="hidden" name="email" value={extract.email} />
            <p>{t("surveys.erase_text")}</p>
            <div class="actions">
              <Button variant="danger">{t("surveys.erase")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
      {errors ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/enkater/personuppgifter/radera" csrfToken={ctx.csrfToken}>
            <TextField name="email" type="email" label={t("surveys.email")} errors={errors} values={values} t={t} />
            <div class="actions">
              <Button variant="danger">{t("surveys.erase")}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
