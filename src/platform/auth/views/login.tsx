import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import type { PageContext } from "../../ui/context.js";

export function LoginPage({ ctx, errors, values, next }: { ctx: PageContext; errors?: FieldErrors; values?: FormValues; next?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("login.title")}>
      <h1>{t("login.title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t("login.intro", { municipality: ctx.municipalityName ?? "" })}</p>
      <Form action="/logga-in" csrfToken={ctx.csrfToken}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField name="email" type="email" label={t("login.email")} autocomplete="username" errors={errors} values={values} t={t} />
        <TextField name="password" type="password" label={t("login.password")} autocomplete="current-password" errors={errors} t={t} />
        <div class="actions">
          <Button>{t("login.submit")}</Button>
        </div>
      </Form>
    </Layout>
  );
}
