import type { VNode } from "preact";
import { translator } from "../../i18n.js";
import { DataTable, Pagination } from "./table.js";

const t = translator("sv");

/** The table with sorting and paging; the render and axe tests use it. */
export const tableExamples: Record<string, () => VNode> = {
  "sortable table with paging": () => (
    <>
      <DataTable
        caption="Enheter"
        t={t}
        baseUrl="/admin/enheter?filter=x"
        sort={{ key: "name", direction: "asc" }}
        empty="Inga"
        rows={[
          { name: "Åmål", count: 3 },
          { name: "Örebro", count: 12 },
        ]}
        columns={[
          { key: "name", label: "Namn", sortable: true, cell: (row) => row.name },
          { key: "count", label: "Antal", sortable: true, numeric: true, cell: (row) => row.count },
        ]}
      />
      <Pagination baseUrl="/admin/enheter?filter=x" page={2} hasMore t={t} />
    </>
  ),
};
