import type { MeetingState } from "./tables.js";

/** What a meeting's state allows: pure rules, so pages and services ask the same questions. */
export interface MeetingFacts {
  state: MeetingState;
  correction_reason: string | null;
}

/** The agenda and the meeting's facts change until the meeting has been held. */
export const planOpen = (meeting: MeetingFacts) => meeting.state === "planned" || meeting.state === "invited";

/** Invitations go out while the meeting is ahead (again, as an update, once sent). */
export const canInvite = (meeting: MeetingFacts) => planOpen(meeting);

/**
 * The minutes are written after the meeting until they are sent for approval; approved
 * minutes are written again only in a correction, and never while a version awaits approval.
 */
export function minutesOpen(meeting: MeetingFacts, pendingVersion: boolean): boolean {
  if (pendingVersion) {
    return false;
  }
  return meeting.state === "held" || ((meeting.state === "approved" || meeting.state === "locked") && meeting.correction_reason !== null);
}

/** A correction is begun on approved minutes that are not already being corrected. */
export const canCorrect = (meeting: MeetingFacts) => (meeting.state === "approved" || meeting.state === "locked") && meeting.correction_reason === null;

/** Only approved minutes are published; publishing is once. */
export const canPublish = (meeting: MeetingFacts) => meeting.state === "approved";

/** A meeting is deleted only before anyone has been invited to it. */
export const canDelete = (meeting: MeetingFacts) => meeting.state === "planned";
