import { Button, ErrorSummary, Form, TextArea, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { withheld } from "../register.js";
import type { CaseDetail } from "../service.js";
import { Section } from "./case-panels.js";

/** Words of the subject withheld from the register of incoming cases, and why. */
export function SubjectSecrecyPanel({
  ctx,
  detail,
  errors,
  values,
}: {
  ctx: PageContext;
  detail: CaseDetail;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { t } = ctx;
  const row = detail.case;
  const current = values ?? { phrases: row.subject_secret.join("\n"), reason: row.subject_secret_reason ?? "" };
  return (
    <Section id="subject-secrecy" title={t("desk.subject_secret")}>
      <p>{t("desk.subject_secret_intro")}</p>
      <p>{t("desk.subject_secret_shown", { subject: withheld(row.subject, row.subject_secret) })}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/arenden/${row.id}/arendemening-sekretess`} csrfToken={ctx.csrfToken}>
        <TextArea
          name="phrases"
          label={t("desk.subject_secret_phrases")}
          hint={t("desk.subject_secret_phrases_hint")}
          errors={errors}
          values={current}
          t={t}
          rows={3}
          optional
        />
        <TextField name="reason" label={t("desk.subject_secret_reason")} errors={errors} values={current} t={t} optional />
        <div class="actions">
          <Button variant="secondary">{t("desk.subject_secret_save")}</Button>
        </div>
      </Form>
    </Section>
  );
}
