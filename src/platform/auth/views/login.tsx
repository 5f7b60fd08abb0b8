import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import type { PageContext } from "../../ui/context.js";

/** Where the municipality signs in with its identity provider: the button first, and passwords only as its fallback when they are off. */
export interface LoginChoices {
  singleSignOn: boolean;
  passwordsOff: boolean;
}

export function LoginPage({
  ctx,
  errors,
  values,
  next,
  choices = { singleSignOn: false, passwordsOff: false },
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  values?: FormValues;
  next?: string | undefined;
  choices?: LoginChoices;
}) {
  const { t } = ctx;
  const passwordForm = (
    <Form action="/logga-in" csrfToken={ctx.csrfToken}>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField name="email" type="email" label={t("login.email")} autocomplete="username" errors={errors} values={values} t={t} />
      <TextField name="password" type="password" label={t("login.password")} autocomplete="current-password" errors={errors} t={t} />
      <div class="actions">
        <Button variant={choices.singleSignOn ? "secondary" : "primary"}>{t("login.submit")}</Button>
      </div>
    </Form>
  );
  return (
    <Layout ctx={ctx} title={t("login.title")}>
      <h1>{t("login.title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t("login.intro", { municipality: ctx.municipalityName ?? "" })}</p>
      {choices.singleSignOn ? (
        // A link, not a form: the content security policy lets a form lead only to Lotsen, and this one goes on to the provider.
        <p class="actions">
          <a class="button button-primary" href={`/logga-in/sso${next ? `?next=${encodeURIComponent(next)}` : ""}`}>
            {t("sso.sign_in")}
          </a>
        </p>
      ) : null}
      {!choices.singleSignOn ? (
        passwordForm
      ) : choices.passwordsOff ? (
        // Open when the form comes back with an error, so the message and the fields are in view.
        <details open={errors ? true : undefined}>
          <summary>{t("sso.password_fallback")}</summary>
          {passwordForm}
        </details>
      ) : (
        <>
          <h2>{t("sso.or_password")}</h2>
          {passwordForm}
        </>
      )}
    </Layout>
  );
}
