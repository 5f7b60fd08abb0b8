import type { MessageKey, Translate } from "../ui/i18n.js";

/**
 * What a module calls the records and actions it writes to the audit log, so that the log
 * reads as sentences ("Ändrade status för ärendet"), not codes (`status desk_case`). Each
 * action's message may place the record with `{record}`.
 */
export interface AuditNames {
  /** Record type → the record in words, in the definite form ("ärendet", "the case"). */
  records: Readonly<Record<string, MessageKey>>;
  /** Action → what was done; an action the module does not name is looked up among the platform's. */
  actions?: Readonly<Record<string, MessageKey>>;
}

/** The platform's records, and the actions every module shares (create, update, delete, …). */
export const platformAuditNames: AuditNames = {
  records: {
    api_token: "audit.record.api_token",
    external_party: "audit.record.external_party",
    municipality: "audit.record.municipality",
    org_unit: "audit.record.org_unit",
    privacy_person: "audit.record.privacy_person",
    user: "audit.record.user",
    webhook_endpoint: "audit.record.webhook_endpoint",
  },
  actions: {
    create: "audit.action.create",
    take_into_use: "audit.action.take_into_use",
    update: "audit.action.update",
    delete: "audit.action.delete",
    erase: "audit.action.erase",
    extract: "audit.action.extract",
    search: "audit.action.search",
    pause: "audit.action.pause",
    resume: "audit.action.resume",
    rotate: "audit.action.rotate",
    test: "audit.action.test",
    redeliver: "audit.action.redeliver",
    second_factor_on: "audit.action.second_factor_on",
    second_factor_off: "audit.action.second_factor_off",
    second_factor_reset: "audit.action.second_factor_reset",
    "logo.saved": "audit.action.logo.saved",
    "logo.removed": "audit.action.logo.removed",
    recovery_codes: "audit.action.recovery_codes",
    lock: "audit.action.lock",
    unlock: "audit.action.unlock",
    login: "audit.action.login",
    login_denied: "audit.action.login_denied",
    single_sign_on: "audit.action.single_sign_on",
    revoke: "audit.action.revoke",
    set_password: "audit.action.set_password",
    change_password: "audit.action.change_password",
    deactivate: "audit.action.deactivate",
    link: "audit.action.link",
    unlink: "audit.action.unlink",
    import: "audit.action.import",
  },
};

/** The log's vocabulary: every module's names and the platform's, looked up by record type. */
export class AuditVocabulary {
  private readonly byRecord = new Map<string, AuditNames>();

  constructor(private readonly all: readonly AuditNames[]) {
    for (const names of all) {
      for (const record of Object.keys(names.records)) {
        if (this.byRecord.has(record)) {
          throw new Error(`Two modules name the audit record type ${record}`);
        }
        this.byRecord.set(record, names);
      }
    }
  }

  /** The record type in words, or its code when no module names it (an event from an older version). */
  record(type: string, t: Translate): string {
    const key = this.byRecord.get(type)?.records[type];
    return key ? t(key) : type;
  }

  /** The action's key: the record's module's own, else the platform's shared verb. */
  actionKey(type: string, action: string): MessageKey | undefined {
    return this.byRecord.get(type)?.actions?.[action] ?? this.all[0]?.actions?.[action];
  }

  /** One event as a sentence that starts with a capital: "Ändrade status för ärendet". */
  sentence(type: string, action: string, t: Translate): string {
    const key = this.actionKey(type, action);
    const text = key ? t(key, { record: this.record(type, t) }) : `${action} (${this.record(type, t)})`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
}
