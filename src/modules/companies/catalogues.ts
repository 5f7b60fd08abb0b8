import { Catalogue } from "../../platform/db/catalogues.js";
import { scopeOf } from "../../platform/db/database.js";
import * as repo from "./repo.js";

/** What the register's search page reads on every visit besides the results, kept until it changes (`Catalogue`). */
export const companyCatalogues = {
  area: new Catalogue(["company_areas"], repo.findArea),
  staff: new Catalogue(["users"], (tx) => repo.listStaff(tx, scopeOf(tx).municipalityId)),
  tags: new Catalogue(["company_profiles"], repo.listTags),
};
