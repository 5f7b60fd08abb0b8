import { Button, Form } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { Task } from "../visit-service.js";
import { TaskTable } from "./company.js";

/** The signed-in staff member's open tasks, and the address of their visit calendar. */
export function MyTasksPage({ ctx, tasks, feedUrl }: { ctx: PageContext; tasks: Task[]; feedUrl: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("companies.my_tasks")}>
      <h1>{t("companies.my_tasks")}</h1>
      <TaskTable ctx={ctx} tasks={tasks} baseUrl="/uppgifter" showCompany />
      {feedUrl ? (
        <section class="panel" aria-labelledby="feed-title">
          <h2 id="feed-title">{t("companies.feed_title")}</h2>
          <p>{t("companies.feed_intro")}</p>
          <p>
            <a href={feedUrl}>{feedUrl}</a>
          </p>
          <Form action="/uppgifter/kalender/ny-lank" csrfToken={ctx.csrfToken}>
            <div class="actions">
              <Button variant="secondary">{t("companies.feed_renew")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}
