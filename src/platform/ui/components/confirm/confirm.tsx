import { Button, Form } from "../form/form.js";
import { Layout } from "../layout/layout.js";
import type { PageContext } from "../../context.js";

/** What a confirmation page says: the action, what it cannot undo, and what it will touch. */
export interface Confirmation {
  title: string;
  text: string;
  /** What the action will touch, or what is still missing (one line each). */
  details?: readonly string[];
  detailsLabel?: string;
  button: string;
  /** Where "Cancel" leads: the page the action was started from. */
  back: string;
}

/**
 * The page an irreversible action shows before it is done: a form that posts the same
 * fields again with `confirmed=yes`, and a way back. It needs no JavaScript.
 */
export function ConfirmPage({
  ctx,
  action,
  fields,
  confirmation,
}: {
  ctx: PageContext;
  action: string;
  fields: ReadonlyArray<readonly [string, string]>;
  confirmation: Confirmation;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={confirmation.title}>
      <h1>{confirmation.title}</h1>
      <div class="warning-text">
        <p>{confirmation.text}</p>
      </div>
      {confirmation.details && confirmation.details.length > 0 ? (
        <>
          {confirmation.detailsLabel ? <h2>{confirmation.detailsLabel}</h2> : null}
          <ul>
            {confirmation.details.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Form action={action} csrfToken={ctx.csrfToken}>
        {fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="actions">
          <Button variant="danger">{confirmation.button}</Button>
          <a href={confirmation.back} class="button button-secondary">
            {t("common.cancel")}
          </a>
        </div>
      </Form>
    </Layout>
  );
}
