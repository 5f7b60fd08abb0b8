import type { LotsenModule } from "../platform/module.js";
import { communicationModule } from "./communication/index.js";
import { companiesModule } from "./companies/index.js";
import { councilModule } from "./council/index.js";
import { deskModule } from "./desk/index.js";
import { programmeModule } from "./programme/index.js";
import { regionModule } from "./region/index.js";
import { reportModule } from "./report/index.js";
import { skillsModule } from "./skills/index.js";
import { surveysModule } from "./surveys/index.js";

/**
 * Lotsen's modules, in the order their menu entries, start-page panels and seeds come.
 * The app, the background work, the seed, the catalogues and the command line are built
 * from this list; adding a module is its folder and one line here.
 */
export const lotsenModules: readonly LotsenModule[] = [
  programmeModule,
  deskModule,
  companiesModule,
  communicationModule,
  skillsModule,
  surveysModule,
  reportModule,
  councilModule,
  regionModule,
];
