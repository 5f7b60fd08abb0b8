// Every test process has the modules' interface strings, as the app and the command line
// install them from the module list (a test may translate without building an app).
import { lotsenModules } from "../src/modules/index.js";
import { installCatalogues } from "../src/platform/ui/i18n.js";

installCatalogues(lotsenModules.flatMap((module) => (module.messages ? [module.messages] : [])));
