import { Button, Form, Select } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime, formatNumber, formatOneDecimal } from "../../../platform/ui/format.js";
import type { RegionOverview, RegionRow } from "../service.js";

const shown = (value: number | null, lang: "sv" | "en") =>
  value === null ? "–" : Number.isInteger(value) ? formatNumber(value, lang) : formatOneDecimal(value, lang);

/**
 * The region's page: its figures (`RegionFigures`, rendered once per version of the figures
 * and kept, as HTML) in the page's frame, and who is signed in when it is the region's own account.
 */
export function RegionPage({ ctx, figures }: { ctx: PageContext; figures: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("region.title")}>
      <h1>{t("region.title")}</h1>
      <div dangerouslySetInnerHTML={{ __html: figures }} />
      {ctx.actor?.kind === "regional" ? (
        <p>
          {t("region.signed_in_as", { name: ctx.actor.name })} <a href="/konto/losenord">{t("account.password")}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The region's members side by side for a year: each figure, the region's (sum or mean) and how many report it. */
export function RegionFigures({ t, lang, overview }: { t: PageContext["t"]; lang: PageContext["lang"]; overview: RegionOverview }) {
  const name = (row: RegionRow) => {
    const source = overview.sourceLabels[row.key];
    return (row.label ?? (source ? t(source) : row.key)) + (row.unit ? ` (${row.unit})` : "");
  };
  return (
    <>
      {overview.region === null ? (
        <p>{t("region.none")}</p>
      ) : (
        <>
          <p>{t("region.intro")}</p>
          <Form action="/region" method="get" csrfToken="">
            <Select
              name="ar"
              label={t("region.year")}
              choices={overview.years.map((year) => ({ value: String(year), label: String(year) }))}
              values={{ ar: String(overview.year) }}
              t={t}
            />
            <Button variant="secondary">{t("region.show")}</Button>
          </Form>
          {overview.rows.length === 0 ? (
            <p class="empty">{t("region.none_year")}</p>
          ) : (
            <TableWrap caption={t("region.table", { region: overview.region.name, year: overview.year })} t={t}>
              <table class="table">
                <caption>{t("region.table", { region: overview.region.name, year: overview.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("region.figure")}</th>
                    {overview.members.map((member) => (
                      <th scope="col" class="numeric">
                        {member.name}
                      </th>
                    ))}
                    <th scope="col" class="numeric">
                      {t("region.region")}
                    </th>
                    <th scope="col" class="numeric">
                      {t("region.reporting")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.rows.map((row) => (
                    <tr>
                      <th scope="row">{name(row)}</th>
                      {row.values.map((value) => (
                        <td class="numeric">{shown(value, lang)}</td>
                      ))}
                      <td class="numeric">
                        {shown(row.region, lang)} <span class="hint">({t(row.aggregate === "sum" ? "region.sum" : "region.mean")})</span>
                      </td>
                      <td class="numeric">{t("region.reporting_of", { reporting: row.reporting, total: overview.members.length })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {overview.computedAt ? <p>{t("region.computed", { when: formatDateTime(overview.computedAt, lang) })}</p> : null}
        </>
      )}
    </>
  );
}
