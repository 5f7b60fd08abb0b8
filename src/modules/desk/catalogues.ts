import { Catalogue } from "../../platform/db/catalogues.js";
import * as settingsRepo from "./settings-repo.js";
import { loadSettings } from "./settings-service.js";

/** What every inbox page reads besides its cases: the calendar and the filters' choices, kept until they change (`Catalogue`). */
export const deskCatalogues = {
  settings: new Catalogue(["desk_settings"], loadSettings),
  units: new Catalogue(["org_units"], settingsRepo.listUnits),
  categories: new Catalogue(["desk_categories", "org_units", "desk_sla_policies"], (tx) => settingsRepo.listCategories(tx, { activeOnly: false })),
  handlers: new Catalogue(["users", "user_units"], settingsRepo.listHandlers),
};
