import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextArea, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import { fieldOf, maxTextLength } from "../answer-fields.js";
import type { AnswerView, Question } from "../answer-service.js";

interface Props {
  ctx: PageContext;
  view: AnswerView;
  token: string;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The business's answer page: works without JavaScript, by keyboard, in either language; a half-filled answer can be saved. */
export function AnswerPage({ ctx, view, token, errors, values }: Props) {
  const { t, lang } = ctx;
  const name = lang === "en" ? view.survey.name_en : view.survey.name_sv;
  if (view.state !== "open") {
    return (
      <Layout ctx={ctx} title={name}>
        <h1>{name}</h1>
        <p class="notice">{t(`surveys.state_${view.state}`)}</p>
      </Layout>
    );
  }
  const intro = lang === "en" ? view.survey.intro_en : view.survey.intro_sv;
  const shown = values ?? view.values;
  return (
    <Layout ctx={ctx} title={name}>
      <h1>{name}</h1>
      {intro ? <p>{intro}</p> : null}
      <p>{t("surveys.answer_intro", { date: formatDate(view.expiresAt, lang) })}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/enkat/${token}`} csrfToken={ctx.csrfToken}>
        {view.questions.map((question, index) =>
          question.kind === "text" ? (
            <TextArea
              name={fieldOf(question.id)}
              label={`${index + 1}. ${lang === "en" ? question.text_en : question.text_sv}`}
              hint={t("surveys.text_hint", { max: maxTextLength })}
              optional
              errors={errors}
              values={shown}
              t={t}
            />
          ) : (
            <ScaleQuestion
              ctx={ctx}
              question={question}
              number={index + 1}
              scaleMax={view.survey.scale_max}
              error={errors?.[fieldOf(question.id)]}
              value={String(shown[fieldOf(question.id)] ?? "")}
            />
          ),
        )}
        <div class="actions">
          <button type="submit" name="intent" value="send" class="button button-primary">
            {t("surveys.send")}
          </button>
          <button type="submit" name="intent" value="save" class="button button-secondary">
            {t("surveys.save_for_later")}
          </button>
        </div>
      </Form>
      <section aria-labelledby="decline-title">
        <h2 id="decline-title">{t("surveys.decline_title")}</h2>
        <p>{t("surveys.decline_text")}</p>
        <Form action={`/enkat/${token}/avsta`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t("surveys.decline")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

/** One question on the survey's scale: a radio per step and one for "don't know", in a fieldset whose legend is the question. */
function ScaleQuestion({
  ctx,
  question,
  number,
  scaleMax,
  error,
  value,
}: {
  ctx: PageContext;
  question: Question;
  number: number;
  scaleMax: number;
  error: string | undefined;
  value: string;
}) {
  const { t, lang } = ctx;
  const id = `f-${fieldOf(question.id)}`;
  const required = question.kind === "overall" || question.kind === "climate";
  const steps = Array.from({ length: scaleMax }, (_, index) => String(index + 1));
  return (
    <div class={error ? "field has-error" : "field"}>
      <fieldset class="fieldset" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        <legend class="label">
          {number}. {lang === "en" ? question.text_en : question.text_sv}
          {required ? null : <span class="optional"> {t("common.optional")}</span>}
        </legend>
        <p class="hint" id={`${id}-hint`}>
          {t("surveys.scale_hint", { max: scaleMax })}
        </p>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            <span class="visually-hidden">{t("error.prefix")} </span>
            {error}
          </p>
        ) : null}
        <div class="scale-choices">
          {steps.map((step, index) => (
            <span class="scale-choice">
              <input type="radio" id={index === 0 ? id : `${id}-${step}`} name={fieldOf(question.id)} value={step} checked={value === step} />
              <label for={index === 0 ? id : `${id}-${step}`}>{step}</label>
            </span>
          ))}
          <span class="scale-choice scale-unknown">
            <input type="radio" id={`${id}-unknown`} name={fieldOf(question.id)} value="" checked={value === ""} />
            <label for={`${id}-unknown`}>{t("surveys.dont_know")}</label>
          </span>
        </div>
      </fieldset>
    </div>
  );
}
