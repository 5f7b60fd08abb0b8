import { matchOf } from "../../platform/privacy/person.js";
import type { PersonalDataSource, PersonHit } from "../../platform/privacy/sources.js";
import { eraseIn, extractIn } from "./records-service.js";
import * as repo from "./records-repo.js";

/**
 * Communication's part of the data-protection page: subscribers and event attendees, found
 * by address, name, or (an attendee's) sole trader number; extracted and erased by address,
 * as the module's own personal-data page does.
 */
export const communicationPersonalData: PersonalDataSource = {
  title: "communication.privacy_title",
  activities: [
    {
      name: "communication.privacy_newsletters",
      purpose: "communication.privacy_newsletters_purpose",
      subjects: "communication.privacy_newsletters_subjects",
      categories: "communication.privacy_newsletters_categories",
      lawfulBasis: "consent",
      retention: "communication.privacy_newsletters_retention",
      recipients: "communication.privacy_recipients",
    },
    {
      name: "communication.privacy_events",
      purpose: "communication.privacy_events_purpose",
      subjects: "communication.privacy_events_subjects",
      categories: "communication.privacy_events_categories",
      lawfulBasis: "consent",
      retention: "communication.privacy_events_retention",
      recipients: "communication.privacy_recipients",
    },
  ],
  async find(tx, query) {
    const found = await repo.peopleMatching(tx, matchOf(query));
    const hits: PersonHit[] = [
      ...found.subscribers.map((row) => ({ what: "communication.privacy_hit_subscriber" as const, name: row.name, email: row.email })),
      ...found.registrations.map((row) => ({ what: "communication.privacy_hit_attendee" as const, name: row.name, email: row.email })),
    ];
    return hits;
  },
  async extract(tx, person) {
    if (person.kind !== "email") {
      return null;
    }
    const { subscriber, registrations } = await extractIn(tx, person.email);
    if (!subscriber && registrations.length === 0) {
      return null;
    }
    return {
      lawful_basis: [...new Set([...(subscriber ? [subscriber.lawful_basis] : []), ...registrations.map((row) => row.lawful_basis)])],
      source: "communication.privacy_source",
      retention: "communication.privacy_newsletters_retention",
      records: { subscriber, registrations },
    };
  },
  async erase(tx, actor, person, requestId) {
    if (person.kind !== "email") {
      return { erased: [], kept: [] };
    }
    const erased = await eraseIn(tx, actor, person.email, requestId);
    return {
      erased: [
        { what: "communication.privacy_hit_subscriber" as const, count: erased.subscribers },
        { what: "communication.privacy_hit_attendee" as const, count: erased.registrations },
        { what: "communication.privacy_mails" as const, count: erased.mails },
      ].filter((row) => row.count > 0),
      kept: [],
    };
  },
};
