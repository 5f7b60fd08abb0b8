import { swedishNumeric } from "../../format.js";
import type { ComponentChildren } from "preact";
import type { Translate } from "../../i18n.js";

export interface Column<Row> {
  key: string;
  label: string;
  /** Sortable columns get a link in their header that sorts by `key`. */
  sortable?: boolean;
  numeric?: boolean;
  cell: (row: Row) => ComponentChildren;
}

export interface SortState {
  key: string;
  direction: "asc" | "desc";
}

interface TableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  t: Translate;
  /** The page's path and query; sort and page links keep the other parameters. */
  baseUrl: string;
  sort?: SortState | undefined;
  empty: string;
}

/**
 * A table's own scrolling region: a table wider than a phone scrolls sideways inside it, not
 * the page. Labelled and focusable, so a keyboard can scroll it (as GOV.UK's tables do).
 */
export function TableWrap({ caption, t, children }: { caption: string; t: Translate; children: ComponentChildren }) {
  // "Table: …", so the region is not named like the section around it (landmarks need names of their own).
  return (
    <div class="table-wrap" role="region" aria-label={t("common.table_region", { caption })} tabindex={0}>
      {children}
    </div>
  );
}

/** A data table whose sortable headers are links (works without JavaScript) and announce their state. */
export function DataTable<Row>({ caption, columns, rows, t, baseUrl, sort, empty }: TableProps<Row>) {
  if (rows.length === 0) {
    return <p class="empty">{empty}</p>;
  }
  return (
    <TableWrap caption={caption} t={t}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const ariaSort = active ? (sort?.direction === "asc" ? "ascending" : "descending") : undefined;
              const nextDirection = active && sort?.direction === "asc" ? "desc" : "asc";
              return (
                <th scope="col" aria-sort={ariaSort} class={column.numeric ? "numeric" : undefined}>
                  {column.sortable ? (
                    <a href={withParams(baseUrl, { sort: column.key, dir: nextDirection, page: undefined })}>
                      {column.label}
                      <span class="visually-hidden">{active ? `, ${t(sort?.direction === "asc" ? "common.sorted_asc" : "common.sorted_desc")}` : ""}</span>
                    </a>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((column) => (
                <td class={column.numeric ? "numeric" : undefined}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Previous/next paging as links. */
export function Pagination({ baseUrl, page, hasMore, t }: { baseUrl: string; page: number; hasMore: boolean; t: Translate }) {
  if (page <= 1 && !hasMore) {
    return null;
  }
  return (
    <nav class="pagination" aria-label={t("common.pagination")}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={withParams(baseUrl, { page: String(page - 1) })} rel="prev">
              {t("common.previous")}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{t("common.page", { page })}</li>
        {hasMore ? (
          <li>
            <a href={withParams(baseUrl, { page: String(page + 1) })} rel="next">
              {t("common.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Sorts rows in memory by a column key with Swedish collation, for lists small enough to hold. */
export function sortRows<Row>(rows: Row[], sort: SortState | undefined, value: (row: Row, key: string) => string | number): Row[] {
  if (!sort) {
    return rows;
  }
  const collator = swedishNumeric;
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a, sort.key);
    const right = value(b, sort.key);
    return sign * (typeof left === "number" && typeof right === "number" ? left - right : collator.compare(String(left), String(right)));
  });
}

export function withParams(baseUrl: string, params: Record<string, string | undefined>): string {
  const url = new URL(baseUrl, "http://x");
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) {
      url.searchParams.delete(key);
    } else {
      url.searchParams.set(key, value);
    }
  }
  return `${url.pathname}${url.search}`;
}
