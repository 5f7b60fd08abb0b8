import { TableWrap } from "../../../platform/ui/components/table/table.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  DeleteForm,
  Button,
  ErrorSummary,
  Form,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import type { IndicatorDetail, ProgrammeDetail } from "../detail.js";
import { indicatorInYear } from "../detail.js";
import type { Choices, Programme } from "../service.js";
import { yearsOf } from "../rules.js";
import { directions, valueSources } from "../schemas.js";
import { formatNumber, IndicatorChart, IndicatorLight } from "./parts.js";
import type { Comparison } from "../kolada-service.js";
import { KoladaComparisonChart } from "./kolada.js";

interface IndicatorFormProps {
  ctx: PageContext;
  detail: ProgrammeDetail;
  indicator?: IndicatorDetail | undefined;
  staff: Choices["staff"];
  /** The figures other modules offer as an indicator's source (the desk's measured waiting). */
  sources: ReadonlyArray<{ key: string; label: MessageKey }>;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export function IndicatorFormPage({ ctx, detail, indicator, staff, sources, errors, values }: IndicatorFormProps) {
  const { t, lang } = ctx;
  const { programme } = detail;
  const title = indicator ? t("programme.indicator_edit") : t("programme.indicator_new");
  const targetFields = Object.fromEntries(
    (indicator?.targets ?? []).map((target) => [`target_${target.year}`, formatNumber(target.value, lang).replace(/\u00a0/g, " ")]),
  );
  const current: FormValues = values ?? (indicator ? { ...indicator, ...targetFields } : { direction: "higher", source: "manual" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{indicator ? `${title}: ${indicator.name}` : title}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={indicator ? `/admin/indikatorer/${indicator.id}/redigera` : `/admin/program/${programme.id}/indikatorer/ny`} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("programme.indicator_name")} errors={errors} values={current} t={t} />
        <TextArea name="description" label={t("programme.description")} errors={errors} values={current} t={t} optional rows={3} />
        <Select
          name="focus_area_id"
          label={t("programme.focus_area")}
          blank={t("programme.whole_programme")}
          choices={detail.focusAreas.map((area) => ({ value: area.id, label: area.name }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <TextField name="unit" label={t("programme.unit")} hint={t("programme.unit_hint")} errors={errors} values={current} t={t} optional />
        <Select
          name="direction"
          label={t("programme.direction")}
          choices={directions.map((direction) => ({ value: direction, label: t(`programme.direction.${direction}`) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="baseline_value" label={t("programme.baseline_value")} errors={errors} values={current} t={t} optional />
        <TextField name="baseline_year" label={t("programme.baseline_year")} errors={errors} values={current} t={t} optional />
        <Select
          name="source"
          label={t("programme.source")}
          choices={valueSources.map((source) => ({ value: source, label: t(`programme.source.${source}`) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="computed_from"
          label={t("programme.computed_from")}
          hint={t("programme.computed_from_hint")}
          blank={t("common.none")}
          choices={sources.map((source) => ({ value: source.key, label: t(source.label) }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <TextField name="kolada_kpi" label={t("programme.kolada_kpi")} hint={t("programme.kolada_kpi_hint")} errors={errors} values={current} t={t} optional />
        <Select
          name="kolada_gender"
          label={t("programme.kolada_gender")}
          choices={(["T", "K", "M"] as const).map((gender) => ({ value: gender, label: t(`programme.kolada_gender.${gender}`) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="owner_id"
          label={t("programme.owner")}
          blank={t("common.none")}
          choices={staff.map((person) => ({ value: person.id, label: person.name }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <fieldset class={errors?.targets ? "fieldset has-error" : "fieldset"} id="f-targets" tabindex={-1}>
          <legend class="label">{t("programme.targets")}</legend>
          {errors?.targets ? <p class="field-error">{errors.targets}</p> : null}
          {yearsOf(programme).map((year) => (
            <TextField name={`target_${year}`} label={t("programme.target_year", { year })} errors={errors} values={current} t={t} optional />
          ))}
        </fieldset>
        <TextField name="position" label={t("programme.position")} hint={t("programme.position_hint")} errors={errors} values={current} t={t} optional />
        <div class="actions">
          <Button>{indicator ? t("common.save") : t("common.create")}</Button>
          <a href={indicator ? `/admin/indikatorer/${indicator.id}` : `/admin/program/${programme.id}`}>{t("common.cancel")}</a>
        </div>
      </Form>
      {indicator ? <DeleteForm action={`/admin/indikatorer/${indicator.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
    </Layout>
  );
}

interface IndicatorPageProps {
  ctx: PageContext;
  programme: Programme;
  indicator: IndicatorDetail;
  canEdit: boolean;
  canReport: boolean;
  defaultYear: number | null;
  /** A Kolada indicator beside its comparison group. */
  comparison?: Comparison | null | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** An indicator's follow-up page: chart, values per period, and the form to record one. */
export function IndicatorPage({ ctx, programme, indicator, canEdit, canReport, defaultYear, comparison, errors, values }: IndicatorPageProps) {
  const { t, lang } = ctx;
  const current: FormValues = values ?? { year: defaultYear ?? programme.start_year };
  const years = yearsOf(programme);
  return (
    <Layout ctx={ctx} title={indicator.name}>
      <h1>{indicator.name}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
        {canEdit ? (
          <>
            {" · "}
            <a href={`/admin/indikatorer/${indicator.id}/redigera`}>{t("programme.indicator_edit")}</a>
          </>
        ) : null}
      </p>
      {indicator.description ? <p class="prewrap">{indicator.description}</p> : null}
      <dl class="facts">
        <dt>{t("programme.direction")}</dt>
        <dd>{t(`programme.direction.${indicator.direction}`)}</dd>
        <dt>{t("programme.baseline")}</dt>
        <dd>
          {formatNumber(indicator.baseline_value, lang)} {indicator.unit} {indicator.baseline_year ? `(${indicator.baseline_year})` : ""}
        </dd>
        <dt>{t("programme.source")}</dt>
        <dd>
          {t(`programme.source.${indicator.source}`)}
          {indicator.kolada_kpi ? ` (${indicator.kolada_kpi}, ${t(`programme.kolada_gender.${indicator.kolada_gender as "T"}`)})` : ""}
        </dd>
        <dt>{t("programme.owner")}</dt>
        <dd>{indicator.owner_name ?? "–"}</dd>
      </dl>
      {comparison ? (
        <KoladaComparisonChart ctx={ctx} name={indicator.name} unit={indicator.unit} comparison={comparison} />
      ) : (
        <IndicatorChart ctx={ctx} indicator={indicator} programme={programme} />
      )}
      <TableWrap t={t} caption={`${t("programme.targets")} · ${t("programme.indicator_status")}`}>
        <table class="table">
          <caption>{`${t("programme.targets")} · ${t("programme.indicator_status")}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t("programme.choose_year")}</th>
              <th scope="col" class="numeric">
                {t("programme.target")}
              </th>
              <th scope="col" class="numeric">
                {t("programme.value")}
              </th>
              <th scope="col">{t("programme.indicator_status")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((year) => {
              const standing = indicatorInYear(indicator, year);
              return (
                <tr>
                  <th scope="row">{year}</th>
                  <td class="numeric">{formatNumber(standing.target, lang)}</td>
                  <td class="numeric">{formatNumber(standing.value?.value, lang)}</td>
                  <td>
                    <IndicatorLight ctx={ctx} status={standing.status} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("programme.values")}</h2>
      {indicator.values.length === 0 ? <p class="empty">{t("programme.no_values")}</p> : null}
      <ul class="log">
        {indicator.values.map((value) => (
          <li>
            <strong>
              {value.year} {value.quarter ? `Q${value.quarter}` : t("programme.whole_year")}
            </strong>
            : {formatNumber(value.value, lang)} {indicator.unit} {value.comment ? <span class="prewrap">– {value.comment}</span> : null}
            {canReport ? (
              <Form action={`/admin/indikatorer/${indicator.id}/varden/ta-bort`} csrfToken={ctx.csrfToken} class="inline-form">
                <input type="hidden" name="year" value={String(value.year)} />
                <input type="hidden" name="quarter" value={value.quarter ? String(value.quarter) : ""} />{" "}
                <button type="submit" class="link-button">
                  {t("common.delete")}
                  <span class="visually-hidden">
                    {" "}
                    {value.year} {value.quarter ? `Q${value.quarter}` : t("programme.whole_year")}
                  </span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {canReport && indicator.source !== "computed" && indicator.source !== "kolada" ? (
        <section class="panel" aria-labelledby="value-title">
          <h2 id="value-title">{t("programme.record_value")}</h2>
          <p>{t("programme.value_intro")}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/admin/indikatorer/${indicator.id}/varden`} csrfToken={ctx.csrfToken}>
            <TextField name="year" label={t("programme.choose_year")} errors={errors} values={current} t={t} />
            <Select
              name="quarter"
              label={t("programme.quarter")}
              blank={t("programme.whole_year")}
              choices={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Q${q}` }))}
              errors={errors}
              values={current}
              t={t}
              optional
            />
            <TextField name="value" label={`${t("programme.value")}${indicator.unit ? ` (${indicator.unit})` : ""}`} errors={errors} values={current} t={t} />
            <TextArea name="comment" label={t("programme.comment")} errors={errors} values={current} t={t} optional rows={3} />
            <Button>{t("programme.record_value")}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}
