import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import type { PageContext } from "../../ui/context.js";
import type { SecondFactorView } from "../second-factor-service.js";

/** The sign-in's second step: the app's code, or a recovery code. */
export function CodePage({
  ctx,
  waiting,
  next,
  errors,
  values,
}: {
  ctx: PageContext;
  waiting: boolean;
  next?: string | undefined;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("second_factor.code_title")}>
      <h1>{t("second_factor.code_title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      {waiting ? (
        <>
          <p>{t("second_factor.code_intro")}</p>
          <Form action="/logga-in/kod" csrfToken={ctx.csrfToken}>
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <TextField
              name="code"
              label={t("second_factor.code")}
              hint={t("second_factor.code_hint")}
              autocomplete="one-time-code"
              errors={errors}
              values={values}
              t={t}
            />
            <div class="actions">
              <Button>{t("second_factor.code_submit")}</Button>
            </div>
          </Form>
        </>
      ) : (
        <p>
          {t("second_factor.code_no_sign_in")} <a href="/logga-in">{t("login.title")}</a>
        </p>
      )}
    </Layout>
  );
}

/** The account's second factor: setting it up with its QR code, or its recovery codes and turning it off. */
export function SecondFactorPage({ ctx, view, errors }: { ctx: PageContext; view: SecondFactorView; errors?: FieldErrors | undefined; values?: FormValues }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("second_factor.title")}>
      <h1>{t("second_factor.title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      {view.required && !view.enabled ? <p role="alert">{t("second_factor.required_text")}</p> : null}
      {view.enrolment ? (
        <section aria-labelledby="setup">
          <h2 id="setup">{t("second_factor.setup")}</h2>
          <ol>
            <li>{t("second_factor.step_app")}</li>
            <li>
              {t("second_factor.step_scan")}
              {/* The QR code is an SVG made on the server: an image with the same address in words beside it. */}
              <div class="qr" role="img" aria-label={t("second_factor.qr_label")} dangerouslySetInnerHTML={{ __html: view.enrolment.svg }} />
              <p>
                {t("second_factor.step_type")} <code class="secret">{view.enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
              </p>
            </li>
            <li>{t("second_factor.step_confirm")}</li>
          </ol>
          <CodeForm
            ctx={ctx}
            action="/konto/tvastegs"
            name="code"
            label={t("second_factor.code")}
            button={t("second_factor.turn_on")}
            primary
            errors={errors}
          />
        </section>
      ) : (
        <section aria-labelledby="on">
          <h2 id="on">{t("second_factor.on")}</h2>
          <p>{t("second_factor.recovery_left", { count: view.recoveryLeft })}</p>
          <CodeForm
            ctx={ctx}
            action="/konto/tvastegs/nya-koder"
            name="code"
            label={t("second_factor.code_for_change")}
            button={t("second_factor.new_codes")}
            errors={errors}
          />
          {view.required ? (
            <p>{t("second_factor.cannot_turn_off")}</p>
          ) : (
            <CodeForm
              ctx={ctx}
              action="/konto/tvastegs/stang-av"
              name="off_code"
              label={t("second_factor.code_for_off")}
              button={t("second_factor.turn_off")}
              danger
              errors={errors}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

/** A form that asks for a code from the app before it acts; a code is never shown again after an error. */
function CodeForm(props: {
  ctx: PageContext;
  action: string;
  name: string;
  label: string;
  button: string;
  primary?: boolean;
  danger?: boolean;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Form action={props.action} csrfToken={props.ctx.csrfToken}>
      <TextField name={props.name} label={props.label} autocomplete="one-time-code" inputmode="numeric" errors={props.errors} values={{}} t={props.ctx.t} />
      <div class="actions">
        <Button variant={props.danger ? "danger" : props.primary ? "primary" : "secondary"}>{props.button}</Button>
      </div>
    </Form>
  );
}

/** Recovery codes, shown the one time they exist in words. */
export function RecoveryCodesPage({ ctx, codes }: { ctx: PageContext; codes: string[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("second_factor.codes_title")}>
      <h1>{t("second_factor.codes_title")}</h1>
      <p role="status">{t("second_factor.codes_text")}</p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/">{t("second_factor.codes_done")}</a>
      </p>
    </Layout>
  );
}
