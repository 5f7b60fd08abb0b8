import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { EmployerProfile } from "../match-service.js";
import { occupationLabel, placeName } from "../presenter.js";
import { joined } from "./parts.js";

/**
 * The profile an officer gives the employer of an introduction, printable. Without the
 * person's consent to this employer it is anonymised: no name, no contact, nothing but what
 * the match is about.
 */
export function EmployerProfilePage({ ctx, profile }: { ctx: PageContext; profile: EmployerProfile }) {
  const { t, lang } = ctx;
  const { seeker, opening, named } = profile;
  const title = t("skills.profile_title", { employer: opening.employer });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{`${opening.title} · ${t(`skills.kind.${opening.kind}`)}`}</p>
      <p class="notice" role="note">
        {named ? t("skills.profile_named", { date: formatDate(profile.introduction.consent_at, lang) }) : t("skills.profile_anonymous")}
      </p>
      <dl class="facts">
        <dt>{t("skills.name")}</dt>
        <dd>{named ? seeker.name : t("skills.profile_candidate")}</dd>
        {named ? (
          <>
            <dt>{t("skills.email")}</dt>
            <dd>{seeker.email ?? "–"}</dd>
            <dt>{t("skills.phone")}</dt>
            <dd>{seeker.phone ?? "–"}</dd>
          </>
        ) : null}
        <dt>{t("skills.occupations")}</dt>
        <dd lang="sv">{joined(seeker.occupations.map(occupationLabel))}</dd>
        <dt>{t("skills.skills")}</dt>
        <dd>{joined(seeker.skills)}</dd>
        <dt>{t("skills.languages")}</dt>
        <dd>{joined(seeker.languages)}</dd>
        <dt>{t("skills.licences")}</dt>
        <dd>{joined(seeker.licences)}</dd>
        <dt>{t("skills.extent_wanted")}</dt>
        <dd>{`${seeker.extent} %`}</dd>
        <dt>{t("skills.available_from")}</dt>
        <dd>{seeker.available_from ? formatDate(seeker.available_from, lang) : t("skills.reason.available_now")}</dd>
        <dt>{t("skills.places_wanted")}</dt>
        <dd>{seeker.places.length === 0 ? t("skills.anywhere") : joined(seeker.places.map((code) => placeName(code)!))}</dd>
      </dl>
      <p>
        <a href={`/kompetens/arbetssokande/${seeker.id}`}>{t("skills.profile_back")}</a>
      </p>
    </Layout>
  );
}
