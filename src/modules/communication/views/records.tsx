import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField } from "../../../platform/ui/components/form/form.js";
import type { PersonExtract } from "../records-service.js";
import { CommunicationNav, type FormPage } from "./parts.js";

/** A person's register extract by address (GDPR art. 15), and their erasure (art. 17). */
export function RecordsPage({ ctx, email, extract, errors, values }: FormPage & { email: string | undefined; extract: PersonExtract | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.nav.records")}>
      <h1>{t("communication.nav.records")}</h1>
      <CommunicationNav ctx={ctx} current="records" />
      <p>{t("communication.records_intro")}</p>
      <form method="get" action="/kommunikation/personuppgifter" class="filters">
        <label class="label" for="f-extract-email">
          {t("communication.email")}
        </label>
        <input id="f-extract-email" name="email" type="email" value={email ?? ""} autocomplete="off" />
        <button type="submit" class="button button-secondary">
          {t("communication.extract")}
        </button>
      </form>
      {extract ? (
        <section aria-labelledby="extract">
          <h2 id="extract">{t("communication.extract_for", { email: extract.email })}</h2>
          <pre class="extract" tabindex={0}>
            {JSON.stringify(extract, null, 2)}
          </pre>
          <Form action="/kommunikation/personuppgifter/radera" csrfToken={ctx.csrfToken}>
            <input type="hidden" name="email" value={extract.email} />
            <p>{t("communication.erase_text")}</p>
            <div class="actions">
              <Button variant="danger">{t("communication.erase")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
      {errors ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/kommunikation/personuppgifter/radera" csrfToken={ctx.csrfToken}>
            <TextField name="email" type="email" label={t("communication.email")} errors={errors} values={values} t={t} />
            <div class="actions">
              <Button variant="danger">{t("communication.erase")}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
