import { sv as platformSv } from "./platform/ui/messages/sv.js";
import { en as platformEn } from "./platform/ui/messages/en.js";
import { sv as programmeSv, en as programmeEn } from "./modules/programme/messages.js";
import { sv as companiesSv, en as companiesEn } from "./modules/companies/messages.js";
import { sv as deskSv, en as deskEn } from "./modules/desk/messages.js";
import { sv as communicationSv, en as communicationEn } from "./modules/communication/messages.js";

/**
 * Every interface string, composed from the platform's and each module's catalogue. Each
 * catalogue types its English against its Swedish, so a missing translation does not build.
 */
export const sv = { ...platformSv, ...programmeSv, ...companiesSv, ...deskSv, ...communicationSv };
export const en: Record<keyof typeof sv, string> = { ...platformEn, ...programmeEn, ...companiesEn, ...deskEn, ...communicationEn };
