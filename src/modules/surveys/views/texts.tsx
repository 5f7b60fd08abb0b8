import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Form } from "../../../platform/ui/components/form/form.js";
import { Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { FreeText } from "../results-service.js";
import { SurveysNav } from "./parts.js";

/** The query string of a period's results: year, half and survey. */
export function periodQuery(period: { year: number; half: 1 | 2 | null; surveyId: string | null }): string {
  return `ar=${period.year}${period.half ? `&halvar=${period.half}` : ""}${period.surveyId ? `&enkat=${period.surveyId}` : ""}`;
}

/** The businesses' own words, newest first, each with its question and area; staff who manage mark one out of publication. */
export function TextList({ ctx, texts, canManage }: { ctx: PageContext; texts: readonly FreeText[]; canManage: boolean }) {
  const { t, lang } = ctx;
  if (texts.length === 0) {
    return <p class="empty">{t("surveys.texts_none")}</p>;
  }
  return (
    <ul class="plain-list">
      {texts.map((row) => (
        <li class="panel">
          <p class="hint">
            {lang === "en" ? row.question_en : row.question_sv} · {t(`surveys.area_${row.area}`)} · {formatDate(row.closed_on, lang)}
            {row.text_hidden ? ` · ${t("surveys.text_hidden")}` : ""}
          </p>
          <blockquote>{row.text}</blockquote>
          {canManage ? (
            <Form action={`/enkater/svar/${row.invitation_id}/${row.question_id}`} csrfToken={ctx.csrfToken}>
              {row.text_hidden ? null : <input type="hidden" name="hidden" value="on" />}
              <Button variant="secondary">{t(row.text_hidden ? "surveys.text_show" : "surveys.text_hide")}</Button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

interface Props {
  ctx: PageContext;
  period: { year: number; half: 1 | 2 | null; surveyId: string | null };
  texts: readonly FreeText[];
  page: number;
  hasNext: boolean;
  canManage: boolean;
  people: boolean;
}

/** Every free text of a period, a page at a time. */
export function TextsPage({ ctx, period, texts, page, hasNext, canManage, people }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("surveys.texts_title")}>
      <h1>
        {t("surveys.texts_title")} {period.year}
      </h1>
      <SurveysNav ctx={ctx} current="results" people={people} />
      <p>{t("surveys.texts_intro")}</p>
      <p>
        <a href={`/enkater/resultat?${periodQuery(period)}`}>{t("surveys.nav_results")}</a>
      </p>
      <TextList ctx={ctx} texts={texts} canManage={canManage} />
      <Pagination baseUrl={`/enkater/fritexter?${periodQuery(period)}`} page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}
