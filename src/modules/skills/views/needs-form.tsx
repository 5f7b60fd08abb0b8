import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { NeedLine, NeedsAnswerPage as AnswerPage, VisitNeeds } from "../needs-service.js";
import { occupationChoices } from "../occupations.js";
import { occupationLabel } from "../presenter.js";
import type { FormPage } from "./parts.js";

/** How many rows the form offers: those already answered, and at least three more up to eight. */
const rowsFor = (answered: number) => Math.min(20, Math.max(8, answered + 3));

/** The answer as the form's values: row N's occupation and people, or the box that says no need. */
export function needValues(answer: { answered: boolean; lines: readonly NeedLine[] }): FormValues {
  return {
    ...(answer.answered && answer.lines.length === 0 ? { no_need: "on" } : {}),
    ...Object.fromEntries(
      answer.lines.flatMap((line, index) => [
        [`occupation_${index + 1}`, occupationLabel(line.occupation)],
        [`people_${index + 1}`, String(line.people)],
      ]),
    ),
  };
}

/** The rows of occupations and people, with every SSYK unit group suggested as one types (a datalist: no script needed). */
export function NeedRows({
  ctx,
  values,
  errors,
  answered,
  noNeed,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
  answered: number;
  noNeed: string;
}) {
  const { t } = ctx;
  const rows = Array.from({ length: rowsFor(answered) }, (_, index) => index + 1);
  return (
    <>
      <datalist id="ssyk-list">
        {occupationChoices().map((choice) => (
          <option value={choice.label} />
        ))}
      </datalist>
      {rows.map((row) => (
        <fieldset class="fieldset need-row">
          <legend class="visually-hidden">{t("skills.needs_row", { row })}</legend>
          <TextField
            name={`occupation_${row}`}
            label={t("skills.needs_occupation", { row })}
            list="ssyk-list"
            autocomplete="off"
            errors={errors}
            values={values}
            t={t}
            optional
          />
          <TextField name={`people_${row}`} label={t("skills.needs_people")} inputmode="numeric" errors={errors} values={values} t={t} optional />
        </fieldset>
      ))}
      <Checkbox name="no_need" label={noNeed} checked={values.no_need === "on"} errors={errors} values={values} t={t} optional />
    </>
  );
}

/** The page behind a company's link: which occupations it will need, changeable until the survey closes. */
export function NeedsAnswerPage({ ctx, page, token, errors, values }: FormPage & { page: AnswerPage; token: string }) {
  const { t, lang } = ctx;
  const title = t("skills.needs_answer_title", { year: page.year });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="meta">{page.company_name}</p>
      {page.open ? (
        <>
          <p>{t("skills.needs_answer_intro", { date: formatDate(page.closes_on, lang) })}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/kompetensbehov/${token}`} csrfToken={ctx.csrfToken}>
            <NeedRows ctx={ctx} values={values ?? needValues(page)} errors={errors} answered={page.lines.length} noNeed={t("skills.needs_no_need_own")} />
            <div class="actions">
              <Button>{t("skills.needs_send")}</Button>
            </div>
          </Form>
        </>
      ) : (
        <>
          <p>{t("skills.needs_answer_closed", { date: formatDate(page.closes_on, lang) })}</p>
          <ul class="plain-list">
            {page.answered && page.lines.length === 0 ? <li>{t("skills.needs_none_line", { year: page.year })}</li> : null}
            {page.lines.map((line) => (
              <li>{t("skills.needs_line", { occupation: occupationLabel(line.occupation), people: line.people, year: page.year })}</li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** The part of a visit's report: staff fill in the company's needs for the visit's year. */
export function VisitNeedsPage({ ctx, needs, errors, values }: FormPage & { needs: VisitNeeds }) {
  const { t } = ctx;
  const title = t("skills.needs_visit_title", { company: needs.visit.company_name, year: needs.year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/besok/${needs.visit.id}`}>{t("skills.needs_back_to_visit")}</a>
      </p>
      <h1>{title}</h1>
      {needs.visit.is_person ? (
        <p>{t("skills.needs_not_person")}</p>
      ) : (
        <>
          <p>{t("skills.needs_visit_intro")}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/kompetens/behov/besok/${needs.visit.id}`} csrfToken={ctx.csrfToken}>
            <NeedRows ctx={ctx} values={values ?? needValues(needs)} errors={errors} answered={needs.lines.length} noNeed={t("skills.needs_no_need_visit")} />
            <div class="actions">
              <Button>{t("common.save")}</Button>
              <a href={`/besok/${needs.visit.id}`}>{t("common.cancel")}</a>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}
