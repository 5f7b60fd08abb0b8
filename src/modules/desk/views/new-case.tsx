import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  ErrorSummary,
  FileField,
  Form,
  RadioGroup,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import type { Category } from "../settings-service.js";
import { channels, priorities } from "../tables.js";

/** A question that came by phone, visit or mail, registered by staff; the business gets the same receipt and status link. */
export function NewCasePage({
  ctx,
  categories,
  errors,
  values,
}: {
  ctx: PageContext;
  categories: Category[];
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang } = ctx;
  const current = values ?? { channel: "phone", priority: "normal", language: "sv" };
  return (
    <Layout ctx={ctx} title={t("desk.register_case")}>
      <h1>{t("desk.register_case")}</h1>
      <p>{t("desk.register_intro")}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/arenden/ny" csrfToken={ctx.csrfToken} files>
        <RadioGroup
          name="channel"
          label={t("desk.channel_label")}
          choices={channels.filter((channel) => channel !== "web").map((channel) => ({ value: channel, label: t(`desk.channel.${channel}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="org_number" label={t("desk.org_number")} hint={t("desk.org_number_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="company_name" label={t("desk.company_name")} hint={t("desk.company_name_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="name" label={t("desk.name")} errors={errors} values={current} t={t} autocomplete="off" />
        <TextField
          name="email"
          type="email"
          label={t("desk.email")}
          hint={t("desk.staff_email_hint")}
          errors={errors}
          values={current}
          t={t}
          optional
          autocomplete="off"
        />
        <TextField name="phone" label={t("desk.phone")} hint={t("desk.staff_phone_hint")} errors={errors} values={current} t={t} optional autocomplete="off" />
        <RadioGroup
          name="language"
          label={t("desk.language")}
          choices={[
            { value: "sv", label: "Svenska" },
            { value: "en", label: "English" },
          ]}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="category_id"
          label={t("desk.category")}
          blank={t("desk.choose_category")}
          choices={categories.map((category) => ({ value: category.id, label: lang === "en" ? category.name_en : category.name_sv }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="priority"
          label={t("desk.priority")}
          choices={priorities.map((priority) => ({ value: priority, label: t(`desk.priority.${priority}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="subject" label={t("desk.subject")} errors={errors} values={current} t={t} />
        <TextArea name="description" label={t("desk.description")} hint={t("desk.staff_description_hint")} rows={8} errors={errors} values={current} t={t} />
        <FileField name="files" label={t("desk.files")} hint={t("desk.files_hint")} multiple optional errors={errors} t={t} />
        <div class="actions">
          <Button>{t("desk.register_button")}</Button>
          <a href="/arenden">{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}
