import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { Minutes } from "../meeting-service.js";
import type { MeetingPage } from "../meeting-service.js";

/** The minutes' versions, newest first: each approved one readable and as PDF; the newest's approvals with who and when. */
export function Versions({
  ctx,
  meetingId,
  versions,
  approvals,
}: {
  ctx: PageContext;
  meetingId: string;
  versions: Minutes[];
  approvals: MeetingPage["approvals"];
}) {
  const { t, lang } = ctx;
  if (versions.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t("council.versions")}</h2>
      <ul class="log">
        {versions.map((version, index) => (
          <li>
            <a href={`/radet/moten/${meetingId}/justerat?version=${version.version}`}>{t("council.version_line", { version: version.version })}</a>
            {" · "}
            {version.approved_at ? t("council.version_approved", { when: formatDateTime(version.approved_at, lang) }) : t("council.version_pending")}
            {version.reason ? ` · ${t("council.correction")}: ${version.reason}` : ""}
            {version.approved_at ? (
              <>
                {" · "}
                <a href={`/radet/moten/${meetingId}/protokoll.pdf?version=${version.version}`}>{t("council.pdf")}</a>
              </>
            ) : null}
            {index === 0 ? (
              <ul>
                {approvals.map((approval) => (
                  <li>
                    {t(`council.approver.${approval.role}`)}: {approval.name},{" "}
                    {approval.approved_at ? t("council.approved_at", { when: formatDateTime(approval.approved_at, lang) }) : t("council.not_approved_yet")}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
