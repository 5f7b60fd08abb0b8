import { Layout } from "../../ui/components/layout/layout.js";
import type { PageContext } from "../../ui/context.js";
import type { MessageKey } from "../../ui/i18n.js";
import type { ProcessingActivity } from "../service.js";

/** The record of processing activities (GDPR art. 30), as the modules declare them. */
export function ProcessingPage({ ctx, record }: { ctx: PageContext; record: Array<{ title: MessageKey; activities: readonly ProcessingActivity[] }> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("privacy.processing_title")}>
      <h1>{t("privacy.processing_title")}</h1>
      <p>{t("privacy.processing_intro", { municipality: ctx.municipalityName ?? "" })}</p>
      <p>
        <a href="/admin/dataskydd/behandlingar.csv" download>
          {t("privacy.processing_csv")}
        </a>
      </p>
      {record.map((part) => (
        <section aria-label={t(part.title)}>
          <h2>{t(part.title)}</h2>
          {part.activities.map((activity) => (
            <section class="card">
              <h3>{t(activity.name)}</h3>
              <dl class="extract-fields">
                {facts(activity).map(([term, value]) => (
                  <div>
                    <dt>{t(term)}</dt>
                    <dd>{t(value)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </section>
      ))}
    </Layout>
  );
}

const facts = (activity: ProcessingActivity): Array<[MessageKey, MessageKey]> => [
  ["privacy.purpose", activity.purpose],
  ["privacy.subjects", activity.subjects],
  ["privacy.categories", activity.categories],
  ["privacy.lawful_basis", `privacy.basis.${activity.lawfulBasis}`],
  ["privacy.retention", activity.retention],
  ["privacy.recipients", activity.recipients],
];
