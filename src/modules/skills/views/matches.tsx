import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, Form, type FieldErrors } from "../../../platform/ui/components/form/form.js";
import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { SeekerMatches, Shortlist } from "../match-service.js";
import type { ShortlistFilter } from "../schemas.js";
import type { Match } from "../matching.js";
import { occupationLabel } from "../presenter.js";
import { MatchCell, SkillsNav } from "./parts.js";

interface Row {
  key: string;
  name: string;
  href: string;
  match: Match;
  introduced: boolean;
  seekerId: string;
  openingId: string;
}

/**
 * A ranked list of matches for the page's subject (a seeker or an opening), each with its
 * explanation and, when it may be proposed, the form that proposes it: the subject goes
 * hidden, and the button names the row. The person's consent is asked where the person is
 * the subject (their matches); from an opening's shortlist the officer proposes, and asks
 * the person before contacting the employer.
 */
function MatchTable({
  ctx,
  caption,
  heading,
  rows,
  errors,
  subject,
}: {
  ctx: PageContext;
  caption: string;
  heading: string;
  rows: Row[];
  errors: FieldErrors | undefined;
  subject: "seeker" | "opening";
}) {
  const bySeeker = subject === "seeker";
  const { t } = ctx;
  if (rows.length === 0) {
    return <p class="empty">{t("skills.matches_none")}</p>;
  }
  return (
    <TableWrap caption={caption} t={t}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">{t("skills.match")}</th>
            <th scope="col">{t("skills.introduce")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>
                <a href={row.href}>{row.name}</a>
              </td>
              <td>
                <MatchCell ctx={ctx} match={row.match} />
              </td>
              <td>
                {row.introduced ? (
                  t("skills.introduced")
                ) : row.match.eligible ? (
                  <Form action="/kompetens/formedlingar" csrfToken={ctx.csrfToken} idPrefix={`p-${row.key}-`}>
                    {bySeeker ? <input type="hidden" name="seeker_id" value={row.seekerId} /> : <input type="hidden" name="opening_id" value={row.openingId} />}
                    {bySeeker ? <Checkbox name="consent" label={t("skills.consent_label")} checked={false} errors={errors} t={t} /> : null}
                    <button
                      type="submit"
                      class="button button-secondary"
                      {...(bySeeker ? { name: "opening_id", value: row.openingId } : { name: "seeker_id", value: row.seekerId })}
                    >
                      {t("skills.propose")}
                    </button>
                  </Form>
                ) : (
                  "–"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The shortlist's filters, a GET form that works without JavaScript. */
function Filters({ ctx, href, filter }: { ctx: PageContext; href: string; filter: ShortlistFilter }) {
  const { t } = ctx;
  return (
    <Form action={href} method="get" csrfToken={ctx.csrfToken} class="filters">
      <Checkbox name="plats" label={t("skills.filter_place")} checked={filter.plats} t={t} />
      <Checkbox name="i_tid" label={t("skills.filter_in_time")} checked={filter.i_tid} t={t} />
      <Checkbox name="alla" label={t("skills.filter_ruled_out")} checked={filter.alla} t={t} />
      <Button variant="secondary">{t("common.filter")}</Button>
    </Form>
  );
}

/** What a page of matches shows inside its frame: its heading, the section's menu, the way back, the filter and the matches. */
function MatchesContent({
  ctx,
  title,
  current,
  href,
  back,
  filter,
  errors,
  children,
}: {
  ctx: PageContext;
  title: string;
  current: "openings" | "seekers";
  href: string;
  back: ComponentChildren;
  filter: ShortlistFilter;
  errors: FieldErrors | undefined;
  children: ComponentChildren;
}) {
  return (
    <>
      <h1>{title}</h1>
      <SkillsNav ctx={ctx} current={current} seekers />
      <p>{back}</p>
      <ErrorSummary errors={errors} t={ctx.t} />
      <Filters ctx={ctx} href={href} filter={filter} />
      {children}
    </>
  );
}

export const shortlistTitle = (ctx: PageContext, shortlist: Shortlist) => ctx.t("skills.shortlist_title", { title: shortlist.opening.title });

/** An opening's ranked seekers, and how many a requirement rules out when they are shown too. */
function ShortlistTable({ ctx, shortlist }: { ctx: PageContext; shortlist: Shortlist }) {
  const { opening } = shortlist;
  return (
    <>
      <p>{ctx.t("skills.shortlist_consent_hint")}</p>
      {shortlist.ruledOut === null ? null : <p>{ctx.t("skills.ruled_out_count", { count: shortlist.ruledOut })}</p>}
      <MatchTable
        ctx={ctx}
        subject="opening"
        caption={shortlistTitle(ctx, shortlist)}
        heading={ctx.t("skills.seeker")}
        errors={undefined}
        rows={shortlist.rows.map((row) => ({
          key: row.seeker.id,
          name: row.seeker.name,
          href: `/kompetens/arbetssokande/${row.seeker.id}`,
          match: row.match,
          introduced: row.introduced,
          seekerId: row.seeker.id,
          openingId: opening.id,
        }))}
      />
    </>
  );
}

/**
 * An opening's shortlist inside its frame (`KeptContentPage`): kept once per shortlist,
 * language and reader, since its forms carry the reader's token.
 */
export function ShortlistContent({ ctx, shortlist, filter }: { ctx: PageContext; shortlist: Shortlist; filter: ShortlistFilter }) {
  const { opening } = shortlist;
  return (
    <MatchesContent
      ctx={ctx}
      title={shortlistTitle(ctx, shortlist)}
      current="openings"
      href={`/kompetens/annonser/${opening.id}/matchning`}
      back={
        <>
          <a href={`/kompetens/annonser/${opening.id}`}>{`${opening.title}, ${opening.employer}`}</a> ·{" "}
          <span lang="sv">{occupationLabel(opening.occupation)}</span>
        </>
      }
      filter={filter}
      errors={undefined}
    >
      <ShortlistTable ctx={ctx} shortlist={shortlist} />
    </MatchesContent>
  );
}

export function SeekerMatchesPage({
  ctx,
  matches,
  filter,
  errors,
}: {
  ctx: PageContext;
  matches: SeekerMatches;
  filter: ShortlistFilter;
  errors?: FieldErrors | undefined;
}) {
  const { seeker } = matches;
  const title = ctx.t("skills.seeker_matches_title", { name: seeker.name });
  return (
    <Layout ctx={ctx} title={title}>
      <MatchesContent
        ctx={ctx}
        title={title}
        current="seekers"
        href={`/kompetens/arbetssokande/${seeker.id}/matchning`}
        back={<a href={`/kompetens/arbetssokande/${seeker.id}`}>{seeker.name}</a>}
        filter={filter}
        errors={errors}
      >
        <MatchTable
          ctx={ctx}
          subject="seeker"
          caption={ctx.t("skills.seeker_matches_title", { name: seeker.name })}
          heading={ctx.t("skills.opening")}
          errors={errors}
          rows={matches.rows.map((row) => ({
            key: row.opening.id,
            name: `${row.opening.title}, ${row.opening.employer}`,
            href: `/kompetens/annonser/${row.opening.id}`,
            match: row.match,
            introduced: row.introduced,
            seekerId: seeker.id,
            openingId: row.opening.id,
          }))}
        />
      </MatchesContent>
    </Layout>
  );
}
