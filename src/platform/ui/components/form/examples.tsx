import type { VNode } from "preact";
import { translator } from "../../i18n.js";
import { Button, Checkbox, CheckboxGroup, DeleteForm, ErrorSummary, FileField, Form, Select, TextArea, TextField } from "./form.js";

const t = translator("sv");

/** The form components in the states that matter; the render and axe tests use them. */
export const formExamples: Record<string, () => VNode> = {
  "form with errors": () => {
    const errors = { name: "Fyll i namn", roles: "Välj minst en roll" };
    const values = { name: "", email: "anna@askersund.se", roles: [], kind: "team", note: "Text <b>som</b> skrivits" };
    return (
      <>
        <ErrorSummary errors={errors} t={t} />
        <Form action="/x" csrfToken="token">
          <TextField name="name" label="Namn" hint="Som det står i folkbokföringen" errors={errors} values={values} t={t} />
          <TextField name="email" type="email" label="E-postadress" errors={errors} values={values} t={t} />
          <Select
            name="kind"
            label="Typ"
            choices={[
              { value: "department", label: "Förvaltning" },
              { value: "team", label: "Grupp" },
            ]}
            errors={errors}
            values={values}
            t={t}
          />
          <CheckboxGroup
            name="roles"
            label="Roller"
            choices={[
              { value: "admin", label: "Administratör" },
              { value: "viewer", label: "Läsare" },
            ]}
            errors={errors}
            values={values}
            t={t}
          />
          <TextArea name="note" label="Anteckning" optional errors={errors} values={values} t={t} />
          <Checkbox name="active" label="Aktiv" checked errors={errors} t={t} />
          <Button>Spara</Button>
        </Form>
      </>
    );
  },
  "file field with an error": () => (
    <Form action="/x" csrfToken="token" files>
      <FileField name="files" label="Bilagor" hint="PDF eller bild, högst 10 MB" multiple optional errors={{ files: "Filen är för stor" }} t={t} />
      <Button>Skicka</Button>
    </Form>
  ),
  "delete button": () => <DeleteForm action="/x/ta-bort" csrfToken="token" label="Ta bort" />,
};
