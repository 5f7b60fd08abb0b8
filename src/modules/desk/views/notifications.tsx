import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, Form } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { NotificationChoice } from "../notification-service.js";

/** An officer's choice of mail about new work: each kind on or off. */
export function NotificationsPage({ ctx, choice }: { ctx: PageContext; choice: NotificationChoice }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("desk.notifications_title")}>
      <h1>{t("desk.notifications_title")}</h1>
      <p>{t("desk.notifications_intro")}</p>
      <Form action="/arenden/aviseringar" csrfToken={ctx.csrfToken}>
        <fieldset>
          <legend>{t("desk.notifications_legend")}</legend>
          <Checkbox name="new_cases" label={t("desk.notify_new_cases")} checked={choice.new_cases} t={t} />
          <Checkbox name="replies" label={t("desk.notify_replies")} checked={choice.replies} t={t} />
        </fieldset>
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}
