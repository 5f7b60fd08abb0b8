/** Staff pages of newsletter campaigns: the list, writing one, its recipients and its sending. */
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  DeleteForm,
  ErrorSummary,
  Form,
  RadioGroup,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime, formatNumber } from "../../../platform/ui/format.js";
import type { Campaign, CampaignView, SegmentMember, SegmentPreview } from "../campaign-service.js";
import type { ListWithCounts } from "../subscription-service.js";
import { Badge, CommunicationNav, type FormPage } from "./parts.js";
import { listName } from "./newsletter-public.js";

export interface SegmentChoices {
  lists: ListWithCounts[];
  sections: Array<{ code: string; name: string }>;
  sizes: Array<{ code: string; name: string }>;
}

const campaignTone = { draft: "neutral", scheduled: "warning", sending: "warning", paused: "neutral", cancelled: "danger", sent: "ok" } as const;

export function CampaignsPage({ ctx, campaigns, canWrite }: { ctx: PageContext; campaigns: Campaign[]; canWrite: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.nav.campaigns")}>
      <h1>{t("communication.nav.campaigns")}</h1>
      <CommunicationNav ctx={ctx} current="campaigns" />
      {canWrite ? (
        <p>
          <a class="button button-primary" href="/kommunikation/utskick/ny">
            {t("communication.campaign_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("communication.nav.campaigns")}
        t={t}
        baseUrl="/kommunikation/utskick"
        empty={t("communication.campaigns_none")}
        rows={campaigns}
        columns={[
          { key: "subject", label: t("communication.subject"), cell: (row) => <a href={`/kommunikation/utskick/${row.id}`}>{row.subject}</a> },
          {
            key: "status",
            label: t("communication.state"),
            cell: (row) => <Badge tone={campaignTone[row.status]}>{t(`communication.campaign_status.${row.status}`)}</Badge>,
          },
          {
            key: "recipients",
            label: t("communication.recipients"),
            numeric: true,
            cell: (row) => (row.recipients === null ? "" : formatNumber(row.recipients, lang)),
          },
          { key: "when", label: t("communication.time"), cell: (row) => formatDateTime(row.started_at ?? row.scheduled_at ?? row.created_at, lang) },
        ]}
      />
    </Layout>
  );
}

function MemberTable({ ctx, caption, rows, reason }: { ctx: PageContext; caption: string; rows: SegmentMember[]; reason: boolean }) {
  const { t } = ctx;
  const columns = [
    { key: "email", label: t("communication.email"), cell: (row: SegmentMember) => row.email },
    { key: "name", label: t("communication.name"), cell: (row: SegmentMember) => row.name ?? "" },
    { key: "company", label: t("communication.company"), cell: (row: SegmentMember) => row.company_name ?? "" },
    ...(reason
      ? [
          {
            key: "reason",
            label: t("communication.left_out_reason"),
            cell: (row: SegmentMember) => (row.left_out ? t(`communication.left_out.${row.left_out}`) : ""),
          },
        ]
      : []),
  ];
  return <DataTable caption={caption} t={t} baseUrl="/kommunikation/utskick" empty={t("communication.nobody")} rows={rows} columns={columns} />;
}

/** Who the segment reaches, how many are left out and why, with a sample of each. */
export function PreviewSection({ ctx, preview }: { ctx: PageContext; preview: SegmentPreview }) {
  const { t, lang } = ctx;
  const reasons = Object.entries(preview.leftOut) as Array<[keyof typeof preview.leftOut, number]>;
  return (
    <section aria-labelledby="preview" class="panel">
      <h2 id="preview">{t("communication.preview_title")}</h2>
      <p>
        <strong>{t("communication.preview_count", { count: formatNumber(preview.included, lang) })}</strong>
      </p>
      {reasons.length > 0 ? (
        <>
          <p>{t("communication.left_out_title")}</p>
          <ul>
            {reasons.map(([reason, count]) => (
              <li>
                {t(`communication.left_out.${reason}`)}: {formatNumber(count, lang)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <MemberTable ctx={ctx} caption={t("communication.preview_sample")} rows={preview.sampleIncluded} reason={false} />
      {preview.sampleLeftOut.length > 0 ? <MemberTable ctx={ctx} caption={t("communication.left_out_sample")} rows={preview.sampleLeftOut} reason /> : null}
    </section>
  );
}

export function campaignFormValues(campaign: Campaign): Record<string, unknown> {
  return {
    subject: campaign.subject,
    body: campaign.body,
    language: campaign.language,
    archive: campaign.archive,
    list_ids: campaign.segment.list_ids,
    sections: campaign.segment.sections,
    size_classes: campaign.segment.size_classes,
    tags: campaign.segment.tags.join(", "),
    in_area: campaign.segment.in_area,
  };
}

function CampaignFields({ ctx, choices, errors, values }: { ctx: PageContext; choices: SegmentChoices; errors?: FieldErrors | undefined; values: FormValues }) {
  const { t, lang } = ctx;
  return (
    <>
      <TextField name="subject" label={t("communication.subject")} errors={errors} values={values} t={t} />
      <TextArea name="body" label={t("communication.body")} hint={t("communication.markdown_hint")} rows={16} errors={errors} values={values} t={t} />
      <RadioGroup
        name="language"
        label={t("communication.language")}
        choices={[
          { value: "sv", label: t("lang.sv") },
          { value: "en", label: t("lang.en") },
        ]}
        errors={errors}
        values={values}
        t={t}
      />
      <Checkbox name="archive" label={t("communication.in_archive")} checked={values.archive === "on" || values.archive === true} errors={errors} t={t} />
      <fieldset>
        <legend>{t("communication.segment")}</legend>
        <p class="hint">{t("communication.segment_hint")}</p>
        <CheckboxGroup
          name="list_ids"
          label={t("communication.lists")}
          optional
          choices={choices.lists.map((list) => ({ value: list.id, label: listName(list, lang) }))}
          errors={errors}
          values={values}
          t={t}
        />
        <CheckboxGroup
          name="sections"
          label={t("communication.sections")}
          optional
          choices={choices.sections.map((section) => ({ value: section.code, label: `${section.code} ${section.name}` }))}
          errors={errors}
          values={values}
          t={t}
        />
        <CheckboxGroup
          name="size_classes"
          label={t("communication.size_classes")}
          optional
          choices={choices.sizes.map((size) => ({ value: size.code, label: size.name }))}
          errors={errors}
          values={values}
          t={t}
        />
        <TextField name="tags" label={t("communication.tags")} hint={t("communication.tags_hint")} optional errors={errors} values={values} t={t} />
        <Checkbox name="in_area" label={t("communication.in_area")} checked={values.in_area === "on" || values.in_area === true} errors={errors} t={t} />
      </fieldset>
    </>
  );
}

export function NewCampaignPage({ ctx, choices, errors, values }: FormPage & { choices: SegmentChoices }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.campaign_new")}>
      <h1>{t("communication.campaign_new")}</h1>
      <CommunicationNav ctx={ctx} current="campaigns" />
      <ErrorSummary errors={errors} t={t} />
      <Form action="/kommunikation/utskick/ny" csrfToken={ctx.csrfToken}>
        <CampaignFields ctx={ctx} choices={choices} errors={errors} values={values ?? { language: ctx.lang, archive: true }} />
        <div class="actions">
          <Button>{t("communication.save_draft")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

function ActionButton({
  ctx,
  action,
  label,
  variant = "secondary",
}: {
  ctx: PageContext;
  action: string;
  label: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <Form action={action} csrfToken={ctx.csrfToken}>
      <Button variant={variant}>{label}</Button>
    </Form>
  );
}

export function CampaignPage({ ctx, view, choices, canWrite, errors, values }: FormPage & { view: CampaignView; choices: SegmentChoices; canWrite: boolean }) {
  const { t, lang } = ctx;
  const { campaign, progress, preview } = view;
  const base = `/kommunikation/utskick/${campaign.id}`;
  const editable = canWrite && (campaign.status === "draft" || campaign.status === "scheduled");
  const formValues = values ?? campaignFormValues(campaign);
  return (
    <Layout ctx={ctx} title={campaign.subject}>
      <h1>{campaign.subject}</h1>
      <CommunicationNav ctx={ctx} current="campaigns" />
      <p>
        <Badge tone={campaignTone[campaign.status]}>{t(`communication.campaign_status.${campaign.status}`)}</Badge>
        {campaign.scheduled_at && campaign.status === "scheduled"
          ? ` ${t("communication.scheduled_for", { when: formatDateTime(campaign.scheduled_at, lang) })}`
          : ""}
      </p>
      {campaign.status !== "draft" && campaign.status !== "scheduled" ? (
        <dl class="facts" aria-label={t("communication.progress")}>
          <dt>{t("communication.recipients")}</dt>
          <dd>{formatNumber(progress.recipients, lang)}</dd>
          <dt>{t("communication.progress_sent")}</dt>
          <dd>{formatNumber(progress.sent, lang)}</dd>
          <dt>{t("communication.progress_queued")}</dt>
          <dd>{formatNumber(progress.queued + progress.waiting, lang)}</dd>
          <dt>{t("communication.progress_failed")}</dt>
          <dd>{formatNumber(progress.failed, lang)}</dd>
          <dt>{t("communication.progress_skipped")}</dt>
          <dd>{formatNumber(progress.skipped, lang)}</dd>
        </dl>
      ) : null}
      <ErrorSummary errors={errors} t={t} />
      {canWrite ? (
        <div class="actions">
          {campaign.status === "sending" ? <ActionButton ctx={ctx} action={`${base}/pausa`} label={t("communication.pause")} /> : null}
          {campaign.status === "paused" ? <ActionButton ctx={ctx} action={`${base}/fortsatt`} label={t("communication.resume")} variant="primary" /> : null}
          {campaign.status === "scheduled" ? <ActionButton ctx={ctx} action={`${base}/avschemalagg`} label={t("communication.unschedule")} /> : null}
          {["scheduled", "sending", "paused"].includes(campaign.status) ? (
            <ActionButton ctx={ctx} action={`${base}/avbryt`} label={t("communication.cancel_campaign")} variant="danger" />
          ) : null}
        </div>
      ) : null}
      {editable ? (
        <>
          <section aria-labelledby="send">
            <h2 id="send">{t("communication.send_title")}</h2>
            <ActionButton ctx={ctx} action={`${base}/skicka`} label={t("communication.send_now")} variant="primary" />
            <Form action={`${base}/schemalagg`} csrfToken={ctx.csrfToken}>
              <TextField name="send_on" type="date" label={t("communication.date")} errors={errors} values={values} t={t} />
              <TextField name="send_time" label={t("communication.time")} hint={t("communication.time_hint")} errors={errors} values={values} t={t} />
              <Button variant="secondary">{t("communication.schedule")}</Button>
            </Form>
            <Form action={`${base}/test`} csrfToken={ctx.csrfToken}>
              <TextField name="email" type="email" label={t("communication.test_address")} errors={errors} values={values} t={t} />
              <Button variant="secondary">{t("communication.test_send")}</Button>
            </Form>
          </section>
          {preview ? <PreviewSection ctx={ctx} preview={preview} /> : null}
          <section aria-labelledby="edit">
            <h2 id="edit">{t("communication.edit")}</h2>
            <Form action={base} csrfToken={ctx.csrfToken}>
              <CampaignFields ctx={ctx} choices={choices} errors={errors} values={formValues} />
              <div class="actions">
                <Button>{t("common.save")}</Button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
      {canWrite && ["draft", "scheduled", "cancelled"].includes(campaign.status) ? (
        <DeleteForm action={`${base}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} />
      ) : null}
    </Layout>
  );
}
