import type { MessageKey } from "../ui/i18n.js";

/**
 * The event types other systems can hear about. Each module declares its own through its
 * manifest entry (`contributes.webhookEvents`); an administrator picks among them when
 * registering an endpoint, and a module emits them with `emitEvent` in the transaction of
 * the change.
 */
export interface WebhookEventType {
  /** `desk.case.created`: the module, the record, what happened. */
  type: string;
  label: MessageKey;
  /** Whether the event carries personal data (its data says who); most carry ids only. */
  personalData: boolean;
}

declare module "../module.js" {
  interface Contributions {
    webhookEvents: WebhookEventType;
  }
}

/** The platform's own: the test an administrator sends to see that an endpoint answers. */
export const platformEvents: readonly WebhookEventType[] = [{ type: "webhook.test", label: "webhooks.event.test", personalData: false }];
