import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, CheckboxGroup, DeleteForm, ErrorSummary, Form, RadioGroup, TextArea, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import { stockholmParts } from "../../../platform/sweden/time.js";
import { renderMarkdown } from "../markdown.js";
import type { NewsPost } from "../news-service.js";
import { newsState } from "../presenter.js";
import { Badge, CommunicationNav, MarkdownBlock, type FormPage } from "./parts.js";

/** The public list of news, with the feeds. */
export function NewsListPage({ ctx, posts, page, hasNext }: { ctx: PageContext; posts: NewsPost[]; page: number; hasNext: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.news_title")}>
      <h1>{t("communication.news_title")}</h1>
      <p>
        {t("communication.feeds")}: <a href="/nyheter/rss.xml">RSS</a> · <a href="/nyheter/atom.xml">Atom</a> ·{" "}
        <a href="/nyhetsbrev">{t("communication.subscribe_link")}</a>
      </p>
      {posts.length === 0 ? <p class="empty">{t("communication.news_none")}</p> : null}
      <ul class="card-list">
        {posts.map((post) => (
          <li lang={post.language === lang ? undefined : post.language}>
            <h2>
              <a href={`/nyheter/${post.slug}`}>{post.title}</a>
            </h2>
            <p class="meta">{formatDate(post.publish_at, lang)}</p>
            <p>{post.summary}</p>
          </li>
        ))}
      </ul>
      <Pagination baseUrl="/nyheter" page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function NewsPostPage({ ctx, post, focusAreas }: { ctx: PageContext; post: NewsPost; focusAreas: string[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={post.title}>
      <article lang={post.language === lang ? undefined : post.language}>
        <h1>{post.title}</h1>
        <p class="meta">
          {t("communication.published")} {formatDate(post.publish_at, lang)}
          {focusAreas.length > 0 ? ` · ${focusAreas.join(", ")}` : ""}
        </p>
        <p class="lead">{post.summary}</p>
        <MarkdownBlock html={renderMarkdown(post.body)} />
      </article>
      <p>
        <a href="/nyheter">{t("communication.all_news")}</a>
      </p>
    </Layout>
  );
}

function StateBadge({ ctx, post }: { ctx: PageContext; post: NewsPost }) {
  const state = newsState(post);
  return <Badge tone={state === "published" ? "ok" : state === "scheduled" ? "warning" : "neutral"}>{ctx.t(`communication.news_state.${state}`)}</Badge>;
}

export function NewsAdminPage({
  ctx,
  posts,
  page,
  hasNext,
  canWrite,
}: {
  ctx: PageContext;
  posts: NewsPost[];
  page: number;
  hasNext: boolean;
  canWrite: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.nav.news")}>
      <h1>{t("communication.nav.news")}</h1>
      <CommunicationNav ctx={ctx} current="news" />
      {canWrite ? (
        <p>
          <a class="button button-primary" href="/kommunikation/nyheter/ny">
            {t("communication.news_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("communication.nav.news")}
        t={t}
        baseUrl="/kommunikation/nyheter"
        empty={t("communication.news_none")}
        rows={posts}
        columns={[
          { key: "title", label: t("communication.title"), cell: (post) => <a href={`/kommunikation/nyheter/${post.id}`}>{post.title}</a> },
          { key: "state", label: t("communication.state"), cell: (post) => <StateBadge ctx={ctx} post={post} /> },
          { key: "publish_at", label: t("communication.publish_at"), cell: (post) => formatDateTime(post.publish_at, lang) },
        ]}
      />
      <Pagination baseUrl="/kommunikation/nyheter" page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function newsFormValues(post: NewsPost): Record<string, unknown> {
  const parts = post.publish_at ? stockholmParts(post.publish_at) : null;
  return {
    title: post.title,
    summary: post.summary,
    body: post.body,
    slug: post.slug,
    language: post.language,
    focus_area_ids: post.focus_area_ids,
    publish_on: parts?.date ?? "",
    publish_time: parts?.time ?? "",
  };
}

export function NewsFormPage({
  ctx,
  post,
  focusAreas,
  canWrite,
  errors,
  values,
}: FormPage & { post: NewsPost | null; focusAreas: Array<{ id: string; name: string; programme: string }>; canWrite: boolean }) {
  const { t } = ctx;
  const shown = values ?? (post ? newsFormValues(post) : { language: ctx.lang });
  const action = post ? `/kommunikation/nyheter/${post.id}` : "/kommunikation/nyheter/ny";
  const title = post ? post.title : t("communication.news_new");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <CommunicationNav ctx={ctx} current="news" />
      {post ? (
        <p>
          <StateBadge ctx={ctx} post={post} />
          {newsState(post) === "published" ? (
            <>
              {" "}
              <a href={`/nyheter/${post.slug}`}>{t("communication.view_public")}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {canWrite ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action={action} csrfToken={ctx.csrfToken}>
            <TextField name="title" label={t("communication.title")} errors={errors} values={shown} t={t} />
            <TextArea name="summary" label={t("communication.summary")} hint={t("communication.summary_hint")} rows={3} errors={errors} values={shown} t={t} />
            <TextArea name="body" label={t("communication.body")} hint={t("communication.markdown_hint")} rows={14} errors={errors} values={shown} t={t} />
            <TextField name="slug" label={t("communication.slug")} hint={t("communication.slug_hint")} optional errors={errors} values={shown} t={t} />
            <RadioGroup
              name="language"
              label={t("communication.language")}
              choices={[
                { value: "sv", label: t("lang.sv") },
                { value: "en", label: t("lang.en") },
              ]}
              errors={errors}
              values={shown}
              t={t}
            />
            {focusAreas.length > 0 ? (
              <CheckboxGroup
                name="focus_area_ids"
                label={t("communication.focus_areas")}
                optional
                choices={focusAreas.map((area) => ({ value: area.id, label: `${area.name} (${area.programme})` }))}
                errors={errors}
                values={shown}
                t={t}
              />
            ) : null}
            <fieldset>
              <legend>{t("communication.publish_legend")}</legend>
              <p class="hint">{t("communication.publish_hint")}</p>
              <TextField name="publish_on" type="date" label={t("communication.date")} optional errors={errors} values={shown} t={t} />
              <TextField
                name="publish_time"
                label={t("communication.time")}
                hint={t("communication.time_hint")}
                optional
                errors={errors}
                values={shown}
                t={t}
              />
            </fieldset>
            <div class="actions">
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
          {post ? <DeleteForm action={`/kommunikation/nyheter/${post.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
        </>
      ) : post ? (
        <MarkdownBlock html={renderMarkdown(post.body)} />
      ) : null}
    </Layout>
  );
}
