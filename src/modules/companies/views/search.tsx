import { Button, Form, RadioGroup, Select, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination, withParams } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { CompanyFilter, SearchResult } from "../service.js";
import { legalFormLabel, shownNumber, StatusBadge } from "./parts.js";

interface SearchContentProps {
  ctx: PageContext;
  filter: CompanyFilter;
  result: SearchResult;
  choices: {
    industries: Array<{ value: string; label: string; group: string }>;
    sizes: Array<{ code: string; name: string }>;
    tags: string[];
    staff: Array<{ id: string; name: string }>;
  };
  rights: { settings: boolean; import: boolean };
}

/**
 * The register's one search box with its filters; results update as one types (htmx) and on
 * submit without JavaScript. What it shows depends on the search, the language and the
 * reader's rights only: no form here posts, so it carries no token.
 */
export function SearchContent({ ctx, filter, result, choices, rights }: SearchContentProps) {
  const { t } = ctx;
  const values: Record<string, string> = {
    q: filter.q,
    industry: filter.industry ?? "",
    size: filter.size ?? "",
    status: filter.status ?? "",
    tag: filter.tag ?? "",
    owner: filter.owner ?? "",
    reach: filter.reach,
  };
  const params = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
  const baseUrl = withParams("/foretag", params);
  return (
    <>
      <h1>{t("companies.title")}</h1>
      <p class="lead">{t("companies.intro")}</p>
      {rights.settings || rights.import ? (
        <p class="actions">
          {rights.import ? <a href="/admin/foretag/import">{t("companies.import_title")}</a> : null}
          {rights.settings ? <a href="/admin/foretag/omrade">{t("companies.area_title")}</a> : null}
          <a href="/admin/besoksmallar">{t("companies.templates_title")}</a>
          <a href="/kontakter/gallring">{t("companies.retention_title")}</a>
        </p>
      ) : null}
      <Form
        action="/foretag"
        method="get"
        csrfToken={ctx.csrfToken}
        class="filters"
        htmx={{
          get: "/foretag",
          target: "#company-results",
          select: "#company-results",
          pushUrl: true,
          trigger: "submit, input changed delay:300ms from:#f-q, change",
        }}
      >
        <TextField name="q" label={t("companies.search")} hint={t("companies.search_hint")} values={values} t={t} optional autocomplete="off" />
        <RadioGroup
          name="reach"
          label={t("companies.reach")}
          choices={[
            { value: "own", label: t("companies.reach_own") },
            { value: "all", label: t("companies.reach_all") },
          ]}
          values={values}
          t={t}
        />
        <Select name="industry" label={t("companies.industry")} blank={t("companies.any")} choices={choices.industries} values={values} t={t} optional />
        <Select
          name="size"
          label={t("companies.size_class")}
          blank={t("companies.any")}
          choices={choices.sizes.map((size) => ({ value: size.code, label: size.name }))}
          values={values}
          t={t}
          optional
        />
        <Select
          name="status"
          label={t("companies.status_label")}
          blank={t("companies.any")}
          choices={(["active", "deregistered", "bankrupt", "liquidation"] as const).map((status) => ({
            value: status,
            label: t(`companies.status.${status}`),
          }))}
          values={values}
          t={t}
          optional
        />
        {choices.tags.length > 0 ? (
          <Select
            name="tag"
            label={t("companies.tag")}
            blank={t("companies.any")}
            choices={choices.tags.map((tag) => ({ value: tag, label: tag }))}
            values={values}
            t={t}
            optional
          />
        ) : null}
        <Select
          name="owner"
          label={t("companies.owner")}
          blank={t("companies.any")}
          choices={choices.staff.map((person) => ({ value: person.id, label: person.name }))}
          values={values}
          t={t}
          optional
        />
        <div class="actions">
          <Button variant="secondary">{t("companies.search_button")}</Button>
        </div>
      </Form>
      <div id="company-results">
        <p role="status">
          {result.hits.length === 0
            ? t("companies.no_hits")
            : result.mode === "similar"
              ? t("companies.similar_hits")
              : filter.q
                ? t("companies.hits_for", { q: filter.q })
                : t("companies.hits")}
          {filter.reach === "own" && !result.areaSet ? ` ${t("companies.area_not_set")}` : ""}
          {result.cappedAt ? ` ${t("companies.capped", { count: result.cappedAt })}` : ""}
        </p>
        {result.hits.length > 0 ? (
          <DataTable
            caption={t("companies.results")}
            t={t}
            baseUrl={baseUrl}
            empty={t("companies.no_hits")}
            rows={result.hits}
            columns={[
              { key: "name", label: t("companies.name"), cell: (hit) => <a href={`/foretag/${hit.id}`}>{hit.name}</a> },
              { key: "org_number", label: t("companies.org_number"), cell: (hit) => <span class="nowrap">{shownNumber(hit, ctx.actor)}</span> },
              { key: "town", label: t("companies.town"), cell: (hit) => hit.town ?? "–" },
              { key: "form", label: t("companies.legal_form"), cell: (hit) => legalFormLabel(hit, ctx.lang) },
              { key: "industry", label: t("companies.industry"), cell: (hit) => hit.industry_text || "–" },
              { key: "status", label: t("companies.status_label"), cell: (hit) => <StatusBadge status={hit.status} t={t} /> },
              { key: "owner", label: t("companies.owner"), cell: (hit) => hit.owner_name ?? "–" },
            ]}
          />
        ) : null}
        <Pagination baseUrl={baseUrl} page={filter.page} hasMore={result.hasMore} t={t} />
      </div>
    </>
  );
}
