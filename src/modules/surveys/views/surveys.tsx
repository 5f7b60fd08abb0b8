import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, DeleteForm, ErrorSummary, Form, RadioGroup, TextArea, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import { formatNumber } from "../../../platform/ui/format.js";
import type { SurveyDetail, SurveyListRow } from "../survey-service.js";
import { areas, surveyKinds, timings, transforms } from "../tables.js";
import { SurveysNav, type FormPage } from "./parts.js";

export function SurveysPage({ ctx, surveys, canManage, people }: FormPage & { surveys: SurveyListRow[]; canManage: boolean; people: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("surveys.nav_surveys")}>
      <h1>{t("surveys.nav_surveys")}</h1>
      <SurveysNav ctx={ctx} current="surveys" people={people} />
      <p>{t("surveys.surveys_intro")}</p>
      {canManage ? (
        <p>
          <a class="button button-primary" href="/enkater/ny">
            {t("surveys.new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("surveys.nav_surveys")}
        t={t}
        baseUrl="/enkater"
        empty={t("surveys.none")}
        rows={surveys}
        columns={[
          { key: "name", label: t("surveys.name"), cell: (row) => <a href={`/enkater/${row.id}`}>{lang === "en" ? row.name_en : row.name_sv}</a> },
          { key: "timing", label: t("surveys.timing"), cell: (row) => t(`surveys.timing_${row.timing}`) },
          { key: "active", label: t("surveys.state"), cell: (row) => t(row.active ? "surveys.active" : "surveys.inactive") },
          { key: "invited", label: t("surveys.invited"), numeric: true, cell: (row) => formatNumber(Number(row.invited), lang) },
          { key: "answered", label: t("surveys.answered"), numeric: true, cell: (row) => formatNumber(Number(row.answered), lang) },
        ]}
      />
    </Layout>
  );
}

type Choices = Array<{ id: string; name_sv: string; name_en: string; unit_name: string; active: boolean }>;

/** A survey's settings, what it asks about, and its questions. */
export function SurveyFormPage({
  ctx,
  detail,
  categories,
  canManage,
  people,
  errors,
  values,
  failed = "survey",
}: FormPage & { detail: SurveyDetail | null; categories: Choices; canManage: boolean; people: boolean; failed?: "survey" | "question" }) {
  const { t, lang } = ctx;
  const survey = detail?.survey;
  const title = survey ? (lang === "en" ? survey.name_en : survey.name_sv) : t("surveys.new");
  const own = failed === "survey" ? { errors, values } : { errors: undefined, values: undefined };
  const shown =
    own.values ??
    (survey
      ? { ...survey, areas: detail.categories.map((row) => `${row.category_id}:${row.area}`) }
      : { timing: "closing", scale_max: 10, transform: "linear", reminders: 3, reminder_days: 7, answer_days: 30 });
  const climate = survey?.kind === "climate";
  const chosen = new Map(
    (Array.isArray(shown.areas) ? shown.areas : typeof shown.areas === "string" ? [shown.areas] : []).map(
      (value) => String(value).split(":") as [string, string],
    ),
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <SurveysNav ctx={ctx} current="surveys" people={people} />
      {survey ? (
        <ul class="inline-list">
          <li>
            <a href={`/enkater/resultat?enkat=${survey.id}`}>{t("surveys.nav_results")}</a>
          </li>
          {canManage ? (
            <li>
              <a href={`/enkater/${survey.id}/lista`}>{t("surveys.list_title")}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <ErrorSummary errors={own.errors} t={t} />
      <Form action={survey ? `/enkater/${survey.id}` : "/enkater/ny"} csrfToken={ctx.csrfToken}>
        {survey ? null : (
          <RadioGroup
            name="kind"
            label={t("surveys.survey_kind")}
            hint={t("surveys.survey_kind_hint")}
            choices={surveyKinds.map((value) => ({ value, label: t(`surveys.survey_kind_${value}`) }))}
            errors={own.errors}
            values={{ kind: "after_case", ...shown }}
            t={t}
          />
        )}
        <TextField name="name_sv" label={t("surveys.name_sv")} errors={errors} values={shown} t={t} />
        <TextField name="name_en" label={t("surveys.name_en")} errors={errors} values={shown} t={t} />
        <TextArea name="intro_sv" label={t("surveys.intro_sv")} optional errors={errors} values={shown} t={t} />
        <TextArea name="intro_en" label={t("surveys.intro_en")} optional errors={errors} values={shown} t={t} />
        <RadioGroup
          name="timing"
          label={t("surveys.timing")}
          choices={timings.map((value) => ({ value, label: t(`surveys.timing_${value}`) }))}
          errors={errors}
          values={shown}
          t={t}
        />
        <TextField
          name="scale_max"
          label={t("surveys.scale_max")}
          hint={t("surveys.scale_max_hint")}
          inputmode="numeric"
          errors={errors}
          values={shown}
          t={t}
        />
        <RadioGroup
          name="transform"
          label={t("surveys.transform")}
          choices={transforms.map((value) => ({ value, label: t(`surveys.transform_${value}`) }))}
          errors={errors}
          values={shown}
          t={t}
        />
        <TextField
          name="reminders"
          label={t("surveys.reminders")}
          hint={t("surveys.reminders_hint")}
          inputmode="numeric"
          errors={errors}
          values={shown}
          t={t}
        />
        <TextField name="reminder_days" label={t("surveys.reminder_days")} inputmode="numeric" errors={errors} values={shown} t={t} />
        <TextField name="answer_days" label={t("surveys.answer_days")} inputmode="numeric" errors={errors} values={shown} t={t} />
        {climate ? null : <Categories ctx={ctx} categories={categories} chosen={chosen} error={own.errors?.areas} />}
        <Checkbox
          name="active"
          label={t("surveys.active_label")}
          hint={t("surveys.active_hint")}
          checked={shown.active === true || shown.active === "on"}
          errors={errors}
          t={t}
        />
        {canManage ? (
          <div class="actions">
            <Button>{t("common.save")}</Button>
          </div>
        ) : null}
      </Form>
      {survey && climate && canManage ? <ClimateSending ctx={ctx} surveyId={survey.id} /> : null}
      {detail ? <Questions ctx={ctx} detail={detail} canManage={canManage} {...(failed === "question" ? { errors, values } : {})} /> : null}
      {survey && canManage ? <DeleteForm action={`/enkater/${survey.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("surveys.delete")} /> : null}
    </Layout>
  );
}

function Questions({ ctx, detail, canManage, errors, values }: FormPage & { detail: SurveyDetail; canManage: boolean }) {
  const { t, lang } = ctx;
  const id = detail.survey.id;
  return (
    <section aria-labelledby="questions-title">
      <h2 id="questions-title">{t("surveys.questions")}</h2>
      <ol>
        {detail.questions.map((question) => (
          <li>
            {lang === "en" ? question.text_en : question.text_sv}{" "}
            <span class="hint">({question.code ? t(`surveys.code_${question.code}`) : t(`surveys.kind_${question.kind}`)})</span>
            {canManage && question.code === null ? (
              <Form action={`/enkater/${id}/fragor/${question.id}/ta-bort`} csrfToken={ctx.csrfToken} class="inline-form">
                <Button variant="secondary">{t("surveys.question_delete")}</Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {canManage ? (
        <Form action={`/enkater/${id}/fragor`} csrfToken={ctx.csrfToken} idPrefix="question-">
          <h3>{t("surveys.question_new")}</h3>
          <ErrorSummary errors={errors} t={t} idPrefix="question-" />
          <RadioGroup
            name="kind"
            label={t("surveys.question_kind")}
            choices={[
              { value: "scale", label: t("surveys.kind_scale") },
              { value: "text", label: t("surveys.kind_text") },
            ]}
            errors={errors}
            values={values ?? { kind: "scale" }}
            t={t}
          />
          <TextField name="text_sv" label={t("surveys.text_sv")} errors={errors} values={values} t={t} />
          <TextField name="text_en" label={t("surveys.text_en")} errors={errors} values={values} t={t} />
          <div class="actions">
            <Button variant="secondary">{t("surveys.question_add")}</Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function Categories({ ctx, categories, chosen, error }: { ctx: FormPage["ctx"]; categories: Choices; chosen: Map<string, string>; error: string | undefined }) {
  const { t, lang } = ctx;
  return (
    <fieldset class="fieldset" id="f-areas">
      <legend class="label">{t("surveys.categories")}</legend>
      <p class="hint">{t("surveys.categories_hint")}</p>
      {error ? <p class="field-error">{error}</p> : null}
      {categories.map((category) => (
        <div class="field">
          <label class="label" for={`f-area-${category.id}`}>
            {`${lang === "en" ? category.name_en : category.name_sv} (${category.unit_name})`}
          </label>
          <select class="select" id={`f-area-${category.id}`} name="areas">
            <option value="">{t("surveys.not_asked")}</option>
            {areas.map((area) => (
              <option value={`${category.id}:${area}`} selected={chosen.get(category.id) === area}>
                {t(`surveys.area_${area}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

/** A climate survey goes out when staff send it: once a year to the own list's companies. */
function ClimateSending({ ctx, surveyId }: { ctx: FormPage["ctx"]; surveyId: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="climate-send-title" class="panel">
      <h2 id="climate-send-title">{t("surveys.climate_send_title")}</h2>
      <p>{t("surveys.climate_send_text")}</p>
      <Form action={`/enkater/${surveyId}/skicka`} csrfToken={ctx.csrfToken}>
        <Button>{t("surveys.climate_send")}</Button>
      </Form>
    </section>
  );
}
