import { Button, Form, RadioGroup, Select, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { ParticipantRow } from "../meeting-service.js";
import { answers } from "../tables.js";

/** Who is invited, in what role, and what each has answered; staff note an answer given another way. */
export function Participants({
  ctx,
  meetingId,
  participants,
  manage,
  errors,
  values,
}: {
  ctx: PageContext;
  meetingId: string;
  participants: ParticipantRow[];
  manage: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="participants-title">
      <h2 id="participants-title">{t("council.participants")}</h2>
      <DataTable
        caption={t("council.participants")}
        columns={[
          { key: "name", label: t("council.field.name"), cell: (row: ParticipantRow) => <a href={`/radet/ledamoter/${row.member_id}`}>{row.name}</a> },
          { key: "organisation", label: t("council.field.organisation"), cell: (row: ParticipantRow) => row.organisation },
          { key: "role", label: t("council.field.role"), cell: (row: ParticipantRow) => t(`council.role.${row.role}`) },
          {
            key: "answer",
            label: t("council.field.answer"),
            cell: (row: ParticipantRow) =>
              row.answer ? `${t(`council.answer.${row.answer}`)} (${formatDateTime(row.answered_at, lang)})` : t("council.answer_none"),
          },
          {
            key: "present",
            label: t("council.field.present"),
            cell: (row: ParticipantRow) => (row.present === null ? "–" : row.present ? t("council.present") : t("council.not_present")),
          },
        ]}
        rows={participants}
        t={t}
        baseUrl={`/radet/moten/${meetingId}`}
        empty={t("council.participants_none")}
      />
      {manage && participants.length > 0 ? (
        <Form action={`/radet/moten/${meetingId}/svar`} csrfToken={ctx.csrfToken} idPrefix="answer-">
          <fieldset class="fieldset">
            <legend class="label">{t("council.record_answer")}</legend>
            <Select
              name="member_id"
              label={t("council.member")}
              choices={participants.map((row) => ({ value: row.member_id, label: row.name }))}
              errors={errors}
              values={values}
              t={t}
            />
            <RadioGroup
              name="answer"
              label={t("council.field.answer")}
              choices={answers.map((answer) => ({ value: answer, label: t(`council.answer.${answer}`) }))}
              errors={errors}
              values={values}
              t={t}
            />
            <Button variant="secondary">{t("council.record_answer")}</Button>
          </fieldset>
        </Form>
      ) : null}
    </section>
  );
}
