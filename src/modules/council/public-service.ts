/**
 * What the public reads of the council: the published meetings' approved minutes (their
 * newest approved version), holding only the items marked public and their decisions.
 */
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import * as repo from "./meeting-repo.js";
import * as minutes from "./minutes-repo.js";
import type { MinutesContent } from "./tables.js";

export interface PublicMinutes {
  id: string;
  title: string;
  starts_at: Date;
  published_at: Date;
  version: number;
  approved_at: Date;
  /** Why the newest version corrected the one before, if it did. */
  correction: string | null;
  /** The minutes with the public items only, and no attendance list (the names stay in the archive's copy). */
  content: MinutesContent;
}

const publicOnly = (meeting: repo.Meeting, version: minutes.Minutes): PublicMinutes => ({
  id: meeting.id,
  title: meeting.title,
  starts_at: meeting.starts_at,
  published_at: meeting.published_at!,
  version: version.version,
  approved_at: version.approved_at!,
  correction: version.reason,
  content: { ...version.content, attendance: [], items: version.content.items.filter((item) => item.public) },
});

export async function publishedMinutes(db: Db, scope: Scope, limit = 50): Promise<PublicMinutes[]> {
  return inScope(db, scope, async (tx) => {
    const meetings = await repo.publishedMeetings(tx, limit);
    const versions = await minutes.latestApproved(
      tx,
      meetings.map((meeting) => meeting.id),
    );
    return meetings.flatMap((meeting) => {
      const version = versions.get(meeting.id);
      return version ? [publicOnly(meeting, version)] : [];
    });
  });
}

export async function publishedMeeting(db: Db, scope: Scope, id: string): Promise<PublicMinutes> {
  return inScope(db, scope, async (tx) => {
    const meeting = isId(id) ? await repo.findMeeting(tx, id) : undefined;
    const version = meeting?.published_at ? (await minutes.latestApproved(tx, [meeting.id])).get(meeting.id) : undefined;
    if (!meeting || !version) {
      throw new NotFoundError();
    }
    return publicOnly(meeting, version);
  });
}
