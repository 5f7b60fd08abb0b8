import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";
import { SubNav } from "../../../platform/ui/components/layout/sub-nav.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";

/** A form page's shared props: the frame, and the problems and values of a post that failed. */
export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The council's own navigation: meetings and members. */
export function CouncilNav({ ctx, current }: { ctx: PageContext; current: "meetings" | "members" }) {
  const { t } = ctx;
  return (
    <SubNav
      label={t("council.nav")}
      current={current}
      items={[
        { key: "meetings", href: "/radet", label: t("council.meetings") },
        { key: "members", href: "/radet/ledamoter", label: t("council.members") },
      ]}
    />
  );
}

/** A meeting's time as one line: "3 mars 2027 kl. 15.00–17.00". */
export function meetingTime(startsAt: Date | string, endsAt: Date | string, lang: "sv" | "en"): string {
  const ends = formatDateTime(new Date(endsAt), lang).split(" ").pop();
  return `${formatDateTime(new Date(startsAt), lang)}–${ends}`;
}

export const dateOf = formatDate;
