import { systemActor } from "../auth/roles.js";
import type { Db } from "../db/database.js";
import { AppError, requiredFlag } from "../errors.js";
import { findRegionBySlug } from "../tenancy/repo.js";
import { regionalAccountInput } from "./schemas.js";
import { createRegionalAccount, regionAccounts, setRegionHosts, setRegionalAccountActive } from "./service.js";

export const regionHelp = `lotsen region <hosts|account> [options]

  hosts --region business-region-orebro --host region.example.se [--host …]
        the hosts the region's own accounts sign in on (none given: none)
  account add --region SLUG --email E --name N [--password P]
        an account of the region itself (a regional analyst): it reads its members' figures and no
        record of any of them; without --password a temporary one is printed, to change at first sign-in
  account list --region SLUG
  account deactivate --region SLUG --email E      ends the account's sessions`;

interface RegionValues {
  region?: string | undefined;
  host?: string[] | undefined;
  email?: string | undefined;
  name?: string | undefined;
  password?: string | undefined;
}

const write = (line: string) => process.stdout.write(`${line}\n`);

/** `lotsen region …`: a region's own hosts and accounts, as the installation's administrator sets them. */
export async function regionCommand(db: Db, words: string[], values: RegionValues): Promise<number> {
  const slug = requiredFlag(values.region, "region");
  const region = await findRegionBySlug(db, slug);
  if (!region) {
    throw new AppError(400, "usage", `no region with the slug ${slug}`);
  }
  const ctx = { db, actor: systemActor("cli") };
  const [what, sub] = words;
  if (what === "hosts") {
    await setRegionHosts(ctx, region.id, values.host ?? []);
    write(`${region.name} answers on ${(values.host ?? []).join(", ") || "no host"}`);
    return 0;
  }
  if (what === "account" && sub === "add") {
    const password = values.password;
    if (password !== undefined && password.length < 12) {
      throw new AppError(400, "usage", "--password must have at least 12 characters");
    }
    // The same rules as the web page's form: a real address, a name.
    const input = regionalAccountInput.safeParse({ email: requiredFlag(values.email, "email"), name: requiredFlag(values.name, "name") });
    if (!input.success) {
      throw new AppError(400, "usage", input.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; "));
    }
    const { account, temporaryPassword } = await createRegionalAccount(ctx, region.id, input.data, password ? { password } : {});
    write(`Created ${account.email} (${account.id}) in ${region.name}${temporaryPassword ? `; temporary password: ${temporaryPassword}` : ""}`);
    return 0;
  }
  if (what === "account" && (sub === "list" || sub === "deactivate")) {
    const { accounts } = await regionAccounts(ctx, region.id);
    if (sub === "list") {
      accounts.forEach((account) => write(`${account.id}\t${account.email}\t${account.name}\t${account.active ? "active" : "deactivated"}`));
      return 0;
    }
    const email = requiredFlag(values.email, "email").toLowerCase();
    const account = accounts.find((one) => one.email === email);
    if (!account) {
      throw new AppError(404, "not_found", `No account ${email} in ${region.name}`);
    }
    await setRegionalAccountActive(ctx, region.id, account.id, false);
    write(`Deactivated ${email}`);
    return 0;
  }
  write(regionHelp);
  return 1;
}
