import type { VNode } from "preact";
import { translator } from "../i18n.js";
import { Chart } from "./chart.js";
import { Button, Checkbox, CheckboxGroup, ErrorSummary, Form, Select, TextArea, TextField } from "./form.js";
import { DataTable, Pagination } from "./table.js";

const t = translator("sv");

/**
 * Examples of every shared component, in the states that matter. The render test and the
 * axe test both use them, so a component that breaks either is caught.
 */
export const componentExamples: Record<string, () => VNode> = {
  "form with errors": () => {
    const errors = { name: "Fyll i namn", roles: "Välj minst en roll" };
    const values = { name: "", email: "anna@askersund.se", roles: [], kind: "team", note: "Text <b>som</b> skrivits" };
    return (
      <>
        <ErrorSummary errors={errors} t={t} />
        <Form action="/x" csrfToken="token">
          <TextField name="name" label="Namn" hint="Som det står i folkbokföringen" errors={errors} values={values} t={t} />
          <TextField name="email" type="email" label="E-postadress" errors={errors} values={values} t={t} />
          <Select name="kind" label="Typ" choices={[{ value: "department", label: "Förvaltning" }, { value: "team", label: "Grupp" }]} errors={errors} values={values} t={t} />
          <CheckboxGroup name="roles" label="Roller" choices={[{ value: "admin", label: "Administratör" }, { value: "viewer", label: "Läsare" }]} errors={errors} values={values} t={t} />
          <TextArea name="note" label="Anteckning" optional errors={errors} values={values} t={t} />
          <Checkbox name="active" label="Aktiv" checked errors={errors} t={t} />
          <Button>Spara</Button>
        </Form>
      </>
    );
  },
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
  "bar chart": () => <Chart kind="bar" title="Nyregistrerade företag" unit="antal" labels={["2021", "2022", "2023"]} series={[{ name: "Askersund", values: [41, 38, null] }, { name: "Mål", values: [40, 45, 50] }]} t={t} lang="sv" />,
  "line chart": () => <Chart kind="line" title="Handläggningstid" unit="dagar" labels={["Q1", "Q2", "Q3", "Q4"]} series={[{ name: "Bygglov", values: [21.5, 18, 17.25, null] }]} t={t} lang="sv" />,
  "empty chart": () => <Chart kind="line" title="Inga värden" labels={[]} series={[]} t={t} lang="sv" />,
};
