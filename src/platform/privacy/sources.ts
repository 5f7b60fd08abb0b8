import type { Actor } from "../auth/roles.js";
import type { ScopedTx } from "../db/database.js";
import type { MessageKey } from "../ui/i18n.js";

/**
 * The extension point behind the data-protection page: every module that holds personal
 * data contributes one `PersonalDataSource` (`contributes.personalData`), and the platform
 * adds its own (staff accounts). The page searches, extracts and erases through them, and
 * the record of processing activities (GDPR art. 30) is made of what they declare, so a new
 * module's data is covered by contributing, never by editing the page.
 */

/** Who a request is about: found by an e-mail address or a personal identity number (its ten digits). */
export type PersonKey = { kind: "email"; email: string } | { kind: "personal_number"; digits: string };

/** What the data-protection officer typed, read as one of the three ways to find a person. */
export type PersonQuery = PersonKey | { kind: "name"; name: string };

/** One record a source holds about someone the query found. */
export interface PersonHit {
  /** The record in words: a message key of the source's module ("Kontaktperson", "Prenumerant"). */
  what: MessageKey;
  name: string | null;
  email: string | null;
  /** A personal identity number's twelve digits, when the record is found by one. */
  personalNumber?: string | null;
  /** Where a person with access reads the record itself, if it has a page. */
  href?: string | null;
}

/** The lawful bases of GDPR art. 6.1 the modules rest on. */
export type LawfulBasis = "consent" | "contract" | "legal_obligation" | "public_task" | "legitimate_interest";

/** One processing activity of the record GDPR art. 30 asks for. Every text is a message key. */
export interface ProcessingActivity {
  name: MessageKey;
  purpose: MessageKey;
  subjects: MessageKey;
  categories: MessageKey;
  lawfulBasis: LawfulBasis;
  retention: MessageKey;
  recipients: MessageKey;
}

/** A source's part of a person's register extract: the data, and why it is held. */
export interface ExtractPart {
  lawful_basis: LawfulBasis | LawfulBasis[];
  /** Where the data came from, in words. */
  source: MessageKey;
  retention: MessageKey;
  /** The records as they are, ready for JSON. */
  records: Record<string, unknown>;
}

/** What one source did on erasure: what went, and what stayed with the reason the law gives. */
export interface ErasurePart {
  erased: Array<{ what: MessageKey; count: number }>;
  /** `count` null: all of them (the audit log's events about the person). */
  kept: Array<{ what: MessageKey; count: number | null; why: MessageKey }>;
}

export interface PersonalDataSource {
  /** The source's name, for headings: a message key ("Företagslotsen"). */
  title: MessageKey;
  activities: readonly ProcessingActivity[];
  /** Records matching the query; a name matches by its words, an address and a number exactly. */
  find: (tx: ScopedTx, query: PersonQuery) => Promise<PersonHit[]>;
  /** The person's data, or null when the source holds none. */
  extract: (tx: ScopedTx, person: PersonKey) => Promise<ExtractPart | null>;
  /** Erases what may be erased, within the caller's transaction (all sources erase in one). */
  erase: (tx: ScopedTx, actor: Actor, person: PersonKey, requestId: string | undefined) => Promise<ErasurePart>;
}

declare module "../module.js" {
  interface Contributions {
    personalData: PersonalDataSource;
  }
}
