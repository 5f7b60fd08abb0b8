import { z } from "zod";
import { email, requiredText } from "../http/fields.js";
import { hostList } from "../tenancy/schemas.js";

/**
 * A region's own: the hosts its accounts sign in on (one at least on the web page; the command
 * line may clear them), and the address its pages' accessibility statement gives.
 */
export const regionSettingsInput = z.object({ hosts: hostList.refine((hosts) => hosts.length > 0, "required"), contact_email: email() });

/** A regional account a system administrator adds; it gets a temporary password, shown once. */
export const regionalAccountInput = z.object({ name: requiredText(200), email: email() });

export const accountParams = z.object({ id: z.string().max(100), accountId: z.string().max(100) });
