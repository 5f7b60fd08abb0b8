import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { BotGuard, Button, Checkbox, CheckboxGroup, ErrorSummary, Form, TextField } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { Campaign } from "../campaign-service.js";
import { renderMarkdown } from "../markdown.js";
import type { ListWithCounts, PreferencesView } from "../subscription-service.js";
import { MarkdownBlock, type FormPage } from "./parts.js";

export function listName(list: { name_sv: string; name_en: string }, lang: "sv" | "en"): string {
  return lang === "sv" ? list.name_sv : list.name_en;
}

function listChoices(lists: ListWithCounts[], lang: "sv" | "en") {
  return lists.map((list) => ({
    value: list.id,
    label: `${listName(list, lang)}${(lang === "sv" ? list.description_sv : list.description_en) ? `: ${lang === "sv" ? list.description_sv : list.description_en}` : ""}`,
  }));
}

/** The public sign-up: lists, address, consent. The confirmation link comes by mail. */
export function SubscribePage({ ctx, lists, sent, stamp, errors, values }: FormPage & { lists: ListWithCounts[]; sent: boolean; stamp: string }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.subscribe_title")}>
      <h1>{t("communication.subscribe_title")}</h1>
      {sent ? (
        <div class="panel" role="status">
          <h2>{t("communication.check_mail_title")}</h2>
          <p>{t("communication.check_mail_text")}</p>
        </div>
      ) : null}
      <p class="lead">{t("communication.subscribe_intro")}</p>
      {lists.length === 0 ? (
        <p role="status">{t("communication.no_public_lists")}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/nyhetsbrev" csrfToken={ctx.csrfToken}>
            <CheckboxGroup name="list_ids" label={t("communication.lists")} choices={listChoices(lists, lang)} errors={errors} values={values} t={t} />
            <TextField name="email" type="email" label={t("communication.email")} autocomplete="email" errors={errors} values={values} t={t} />
            <TextField name="name" label={t("communication.name")} autocomplete="name" optional errors={errors} values={values} t={t} />
            <BotGuard stamp={stamp} t={t} />
            <p>{t("communication.subscribe_consent_text")}</p>
            <Checkbox name="consent" label={t("communication.subscribe_consent")} checked={values?.consent === "on"} errors={errors} t={t} />
            <div class="actions">
              <Button>{t("communication.subscribe")}</Button>
            </div>
          </Form>
        </>
      )}
      <p>
        <a href="/nyhetsbrev/arkiv">{t("communication.archive_title")}</a>
      </p>
    </Layout>
  );
}

/** The confirmation link's page: one button, so that a mail scanner following the link confirms nothing. */
export function ConfirmPage({ ctx, token, done }: { ctx: PageContext; token: string; done: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.confirm_title")}>
      <h1>{t("communication.confirm_title")}</h1>
      {done ? (
        <div class="panel" role="status">
          <p>{t("communication.confirmed_text")}</p>
          <p>
            <a href={`/nyhetsbrev/installningar/${token}`}>{t("communication.preferences_title")}</a>
          </p>
        </div>
      ) : (
        <Form action={`/nyhetsbrev/bekrafta/${token}`} csrfToken={ctx.csrfToken}>
          <p>{t("communication.confirm_text")}</p>
          <div class="actions">
            <Button>{t("communication.confirm")}</Button>
          </div>
        </Form>
      )}
    </Layout>
  );
}

/** The preference page: the lists one is on and may join, or leave everything. */
export function PreferencesPage({ ctx, token, view, errors, values }: FormPage & { token: string; view: PreferencesView }) {
  const { t, lang } = ctx;
  const onLists = view.subscriptions.filter((row) => row.status !== "unsubscribed").map((row) => row.list_id);
  const privateOnes = view.subscriptions.filter((row) => !row.public && row.status === "confirmed");
  const choices = [...listChoices(view.lists, lang), ...privateOnes.map((row) => ({ value: row.list_id, label: listName(row, lang) }))];
  const shown = values ?? { list_ids: onLists };
  return (
    <Layout ctx={ctx} title={t("communication.preferences_title")}>
      <h1>{t("communication.preferences_title")}</h1>
      <p>{t("communication.preferences_for", { email: view.subscriber.email })}</p>
      {view.subscriber.opted_out_at ? <p role="status">{t("communication.opted_out_text")}</p> : null}
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/nyhetsbrev/installningar/${token}`} csrfToken={ctx.csrfToken}>
        <CheckboxGroup name="list_ids" label={t("communication.lists")} optional choices={choices} errors={errors} values={shown} t={t} />
        <Checkbox name="leave_all" label={t("communication.leave_all")} checked={values?.leave_all === "on"} errors={errors} t={t} />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** Where a mail's "unsubscribe" link leads: one button (the same address takes RFC 8058's one-click POST). */
export function UnsubscribePage({ ctx, token, campaignId, done }: { ctx: PageContext; token: string; campaignId: string; done: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.unsubscribe_title")}>
      <h1>{t("communication.unsubscribe_title")}</h1>
      {done ? (
        <p role="status">{t("communication.unsubscribed_text")}</p>
      ) : (
        <Form action={`/nyhetsbrev/avsluta/${token}/${campaignId}`} csrfToken={ctx.csrfToken}>
          <p>{t("communication.unsubscribe_text")}</p>
          <div class="actions">
            <Button>{t("communication.unsubscribe")}</Button>
          </div>
        </Form>
      )}
      <p>
        <a href={`/nyhetsbrev/installningar/${token}`}>{t("communication.preferences_title")}</a>
      </p>
    </Layout>
  );
}

export function ArchivePage({ ctx, campaigns }: { ctx: PageContext; campaigns: Campaign[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.archive_title")}>
      <h1>{t("communication.archive_title")}</h1>
      {campaigns.length === 0 ? <p class="empty">{t("communication.archive_none")}</p> : null}
      <ul class="card-list">
        {campaigns.map((campaign) => (
          <li lang={campaign.language === lang ? undefined : campaign.language}>
            <a href={`/nyhetsbrev/arkiv/${campaign.id}`}>{campaign.subject}</a> <span class="meta">{formatDate(campaign.started_at, lang)}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href="/nyhetsbrev">{t("communication.subscribe_link")}</a>
      </p>
    </Layout>
  );
}

export function ArchivedCampaignPage({ ctx, campaign }: { ctx: PageContext; campaign: Campaign }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={campaign.subject}>
      <article lang={campaign.language === lang ? undefined : campaign.language}>
        <h1>{campaign.subject}</h1>
        <p class="meta">{formatDate(campaign.started_at, lang)}</p>
        <MarkdownBlock html={renderMarkdown(campaign.body)} />
      </article>
      <p>
        <a href="/nyhetsbrev/arkiv">{t("communication.archive_title")}</a>
      </p>
    </Layout>
  );
}
