import { Button, Checkbox, ErrorSummary, Form, Select, TextField, type FieldErrors } from "../../../platform/ui/components/form/form.js";
import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import { nextSteps } from "../steps.js";
import { followUps } from "../tables.js";
import type { IntroductionRow } from "../opening-service.js";
import { Badge } from "./parts.js";

/**
 * An opening's or a seeker's introductions: each with its steps, dated and by whom, and the
 * form for the next step. A step that failed shows its problem at its own form.
 */
export function IntroductionsTable({
  ctx,
  rows,
  of,
  failed,
}: {
  ctx: PageContext;
  rows: IntroductionRow[];
  of: "opening" | "seeker";
  failed?: { id: string; errors: FieldErrors | undefined } | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="introductions">
      <h2 id="introductions">{t("skills.introductions")}</h2>
      {failed ? <ErrorSummary errors={failed.errors} t={t} idPrefix={`i-${failed.id}-`} /> : null}
      {rows.length === 0 ? (
        <p class="empty">{t("skills.introductions_none")}</p>
      ) : (
        <TableWrap caption={t("skills.introductions")} t={t}>
          <table class="table">
            <caption>{t("skills.introductions")}</caption>
            <thead>
              <tr>
                <th scope="col">{of === "opening" ? t("skills.seeker") : t("skills.opening")}</th>
                <th scope="col">{t("skills.status")}</th>
                <th scope="col">{t("skills.steps")}</th>
                <th scope="col">{t("skills.next_step")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    {of === "opening" ? (
                      <a href={`/kompetens/arbetssokande/${row.seeker_id}`}>{row.seeker_name}</a>
                    ) : (
                      <a href={`/kompetens/annonser/${row.opening_id}`}>{`${row.opening_title}, ${row.employer}`}</a>
                    )}
                    <br />
                    {t("skills.score", { score: row.score })}
                    <br />
                    <a href={`/kompetens/formedlingar/${row.id}/profil`}>{t("skills.profile_link")}</a>
                  </td>
                  <td>
                    <Badge tone={row.status === "placed" ? "ok" : row.status === "declined" || row.status === "withdrawn" ? "neutral" : "warning"}>
                      {t(`skills.introduction_status.${row.status}`)}
                    </Badge>
                    <br />
                    {row.consent_at ? t("skills.consent_given", { date: formatDate(row.consent_at, lang) }) : t("skills.consent_missing")}
                  </td>
                  <td>
                    <ol class="plain-list">
                      {row.steps.map((step) => (
                        <li>{`${t(`skills.introduction_status.${step.status}`)}: ${formatDateTime(new Date(step.at), lang)}, ${step.by}`}</li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <StepForm ctx={ctx} row={row} errors={failed?.id === row.id ? failed.errors : undefined} />
                    {row.status === "placed" ? <Placement ctx={ctx} row={row} errors={failed?.id === row.id ? failed.errors : undefined} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function StepForm({ ctx, row, errors }: { ctx: PageContext; row: IntroductionRow; errors: FieldErrors | undefined }) {
  const { t } = ctx;
  const steps = nextSteps(row.status);
  if (steps.length === 0) {
    return null;
  }
  return (
    <Form action={`/kompetens/formedlingar/${row.id}`} csrfToken={ctx.csrfToken} idPrefix={`i-${row.id}-`}>
      <Select
        name="status"
        label={t("skills.next_step")}
        choices={steps.map((value) => ({ value, label: t(`skills.introduction_status.${value}`) }))}
        errors={errors}
        values={{}}
        t={t}
      />
      {row.consent_at ? null : <Checkbox name="consent" label={t("skills.consent_label")} checked={false} errors={errors} t={t} />}
      {steps.includes("placed") ? (
        <>
          <TextField name="starts_on" type="date" label={t("skills.placement_starts")} optional errors={errors} values={{}} t={t} />
          <TextField name="ends_on" type="date" label={t("skills.placement_ends")} optional errors={errors} values={{}} t={t} />
        </>
      ) : null}
      <Button variant="secondary">{t("skills.save_step")}</Button>
    </Form>
  );
}

/** A placement: its period, and its follow-up (the form while it waits, the answer once given). */
function Placement({ ctx, row, errors }: { ctx: PageContext; row: IntroductionRow; errors: FieldErrors | undefined }) {
  const { t, lang } = ctx;
  return (
    <>
      <p>{t("skills.placement_period", { from: formatDate(row.starts_on, lang), to: formatDate(row.ends_on, lang) })}</p>
      {row.follow_up ? (
        <p>{`${t("skills.follow_up")}: ${t(`skills.follow_up.${row.follow_up}`)}`}</p>
      ) : (
        <Form action={`/kompetens/formedlingar/${row.id}/uppfoljning`} csrfToken={ctx.csrfToken} idPrefix={`i-${row.id}-`}>
          <Select
            name="follow_up"
            label={t("skills.follow_up")}
            hint={t("skills.follow_up_due", { date: formatDate(row.follow_up_due, lang) })}
            choices={followUps.map((value) => ({ value, label: t(`skills.follow_up.${value}`) }))}
            errors={errors}
            values={{}}
            t={t}
          />
          <Button variant="secondary">{t("skills.follow_up_save")}</Button>
        </Form>
      )}
    </>
  );
}
