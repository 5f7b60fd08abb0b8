#!/usr/bin/env node
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { openDatabase, type OpenDatabase } from "./platform/db/connect.js";
import { createServer } from "./server.js";
import { seedDemoContent, seedInstallation } from "./seed.js";
import { systemActor } from "./platform/auth/roles.js";
import * as auth from "./platform/auth/service.js";
import type { Municipality } from "./platform/tenancy/repo.js";
import { addMunicipality, listMunicipalities } from "./platform/tenancy/installation.js";
import { roles, isRole } from "./platform/auth/roles.js";
import { AppError, requiredFlag } from "./platform/errors.js";
import { randomPassword } from "./platform/auth/password.js";
import type { OperationContext } from "./platform/context.js";
import { lotsenModules } from "./modules/index.js";
import { installCatalogues } from "./platform/ui/i18n.js";
import { startBackground } from "./background.js";
import { clustersCommand } from "./platform/db/clusters-command.js";
import { regionCommand, regionHelp } from "./platform/regions/commands.js";
import { EmbeddedStartError } from "./platform/db/embedded.js";
import { backupCommand, restoreCommand } from "./platform/db/backup-commands.js";
import { municipalMailChange, setMunicipalMail } from "./platform/mail/municipal.js";

const log = (message: string) => process.stderr.write(`${message}\n`);

/** The commands the modules add (`lotsen import companies FILE`). */
const moduleCommands = lotsenModules.flatMap((module) => module.commands ?? []);

const help: Record<string, string> = {
  main: `lotsen – the platform a municipality runs its business-development programme on

Usage: lotsen <command> [options]

Commands:
  serve                 migrate, then serve HTTP (no demo data)
  start                 what npm start runs: migrate, seed an empty database, demo data unless LOTSEN_DEMO=0, serve
  migrate               bring the database schema up to date (creates the app role)
  seed                  load the seed (region, Askersund, its programme and parties, administrator) into an empty database
  municipality add|list|mail  the installation's municipalities, and each one's sender and SMTP server
  region hosts|account  a region's own host and its regional accounts, which read the members' figures only
  user add|list|deactivate|set-password
  token create|revoke
${moduleCommands.map((command) => `  ${command.usage}`).join("\n")}
  backup FILE           the whole installation (database and stored files) into one file, while Lotsen runs
  restore FILE          a backup into a new, empty installation
  clusters list|prune   the embedded PostgreSQL clusters root keeps under /var/lib/lotsen, and removing those whose data folder is gone

Run "lotsen <command> --help" for the options of a command. Settings come from the environment (see README).`,
  serve: "lotsen serve\n\nMigrates the database and serves Lotsen on PORT (default 3000). Never loads demo data.",
  start: "lotsen start\n\nMigrates, seeds an empty database, loads demo data (unless LOTSEN_DEMO=0) and serves.",
  migrate: "lotsen migrate\n\nRuns every pending migration of the platform and the modules, in one global order, and creates the app role.",
  seed: "lotsen seed\n\nOn an empty database: Business Region Örebro, Askersunds kommun (1882), its Näringslivsprogram 2020–2023 with the parties it names, and an administrator\n(LOTSEN_ADMIN_EMAIL / LOTSEN_ADMIN_PASSWORD, or a generated password printed once).",
  user: `lotsen user <add|list|deactivate|set-password> [options]

  add --email E --name N --role R [--role R2] [--password P] [--municipality KOMMUNKOD]
        creates a staff account; without --password a temporary one is printed, to change at first login
        roles: ${roles.join(", ")}
  list [--municipality KOMMUNKOD]
  deactivate --email E [--municipality KOMMUNKOD]      ends the account's sessions and tokens
  set-password --email E [--password P] [--temporary] [--municipality KOMMUNKOD]`,
  municipality: `lotsen municipality <add|list|mail> [options]

  add --kommunkod 1860 --host laxa.example.se [--host …] [--region business-region-orebro] [--name "Laxå kommun"]
        adds a municipality (SCB kommunkod) answering on the given hosts
  list
  mail --municipality 1860 [--mail-from "Laxå kommun <naringsliv@laxa.se>"] [--smtp-url smtps://user:pass@smtp.laxa.se]
        the municipality's own sender and SMTP server (the URL is kept sealed); an empty value goes back to the installation's`,
  clusters: `lotsen clusters <list|prune>

  As root, the embedded PostgreSQL server keeps its cluster under /var/lib/lotsen (the postgres
  user cannot enter a private folder), marked with the data folder it belongs to.
  list    every cluster there: its data folder, whether it runs, its size, whether its folder is gone
  prune   stops and removes the clusters whose data folder is gone (a deleted clone or data/)`,
  backup: `lotsen backup FILE|FOLDER [--keep N]

  Writes the whole installation (gzip): every table, read in one consistent snapshot while Lotsen
  serves, and the data folder's stored files (the kept secret, mail written as files). Given a
  FOLDER, the file is named by the time and --keep N keeps the newest N there (a nightly timer:
  lotsen backup /var/backups/lotsen --keep 14).
  The file holds all personal data in Lotsen: keep it as the database itself is kept. See docs/backup.md.`,
  restore: `lotsen restore FILE

  Restores a backup into a new, empty installation (a new data folder, or a new database named by
  DATABASE_URL): brings the database to the backup's migrations, writes every table in one transaction,
  puts the stored files back, then runs this version's later migrations. A database that already has a
  municipality is refused.`,
  region: regionHelp,
  token: `lotsen token <create|revoke> [options]

  create --email E --name N [--days 90] [--municipality KOMMUNKOD]   prints the token once
  revoke --id TOKEN_ID [--municipality KOMMUNKOD]`,
};

const options = {
  help: { type: "boolean", short: "h" },
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string", multiple: true },
  password: { type: "string" },
  temporary: { type: "boolean" },
  municipality: { type: "string" },
  days: { type: "string" },
  id: { type: "string" },
  kommunkod: { type: "string" },
  host: { type: "string", multiple: true },
  region: { type: "string" },
  keep: { type: "string" },
  "mail-from": { type: "string" },
  "smtp-url": { type: "string" },
} as const;

/** The options the modules' commands add (`--rejects`, `--partial`). */
const moduleOptions: Record<string, { type: "string" | "boolean" }> = Object.assign({}, ...moduleCommands.map((command) => command.options ?? {}));

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs({ args: argv, options: { ...moduleOptions, ...options }, allowPositionals: true, strict: true });
  const values = parsed.values as Values & Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  const [command, sub] = positionals;
  if (!command || command === "help") {
    process.stdout.write(`${help.main}\n`);
    return command ? 0 : 1;
  }
  installCatalogues(lotsenModules.flatMap((module) => (module.messages ? [module.messages] : [])));
  const commandsNamed = moduleCommands.filter((candidate) => candidate.words[0] === command);
  const topic = help[command] ?? (commandsNamed.length > 0 ? commandsNamed.map((candidate) => candidate.help).join("\n\n") : undefined);
  if (!topic) {
    log(`Unknown command "${command}".\n\n${help.main}`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${topic}\n`);
    return 0;
  }
  if (command === "clusters") {
    return clustersCommand(sub, topic);
  }
  const config = loadConfig();
  if (command === "backup" || command === "restore") {
    if (!sub) {
      log(`Usage: ${topic}`);
      return 1;
    }
    const keep = values.keep === undefined ? undefined : Number(values.keep);
    return command === "backup" ? backupCommand(config, path.resolve(sub), keep, log) : restoreCommand(config, path.resolve(sub), log);
  }
  const moduleCommand = commandsNamed.find((candidate) => candidate.words.every((word, index) => positionals[index] === word));
  if (commandsNamed.length > 0) {
    if (!moduleCommand) {
      log(`Usage: ${topic}`);
      return 1;
    }
    const args = positionals.slice(moduleCommand.words.length);
    return withDatabase(config, true, async (db) => {
      const code = await moduleCommand.run({ db: { app: db.app, owner: db.owner }, args, options: values, log });
      if (code !== 0) {
        log(`Usage: ${topic}`);
      }
      return code;
    });
  }
  switch (command) {
    case "serve":
      return serve(config, { seed: false, demo: false });
    case "start":
      return serve(config, { seed: true, demo: config.demo });
    case "migrate":
      return withDatabase(config, true, async () => 0);
    case "seed":
      return withDatabase(config, true, async (db) => {
        const scope = await seedInstallation(db.app, config, log);
        log(scope ? "Seed loaded." : "The database already has a municipality; nothing seeded.");
        return 0;
      });
    case "municipality":
      return withDatabase(config, true, (db) => municipalityCommand(db, sub, values, config.secret));
    case "region":
      return withDatabase(config, true, (db) => regionCommand(db.app, positionals.slice(1), values));
    case "user":
      return withDatabase(config, true, (db) => userCommand(db, sub, values));
    case "token":
      return withDatabase(config, true, (db) => tokenCommand(db, sub, values));
    default:
      return 1;
  }
}

async function withDatabase(config: Config, migrate: boolean, work: (db: OpenDatabase) => Promise<number>): Promise<number> {
  const db = await openDatabase(config, log, { migrate });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function serve(config: Config, what: { seed: boolean; demo: boolean }): Promise<number> {
  const db = await openDatabase(config, log, { migrate: true });
  if (what.seed) {
    const scope = await seedInstallation(db.app, config, log);
    // On a later start, the demo's first municipality: the seed's, the one answering on localhost.
    const all = await listMunicipalities(db.app);
    const municipality = scope ? undefined : (all.find((candidate) => candidate.hosts.includes("localhost")) ?? all[0]);
    const target = scope ?? (municipality ? { municipalityId: municipality.id } : undefined);
    if (what.demo && target) {
      await seedDemoContent(db.app, target, log, config.secret);
    }
  }
  const app = await createServer({
    db: db.app,
    secret: config.secret,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
  });
  const background = startBackground(db.app, db.urls.appUrl, config, log);
  const shutdown = async () => {
    await app.close();
    await background.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  const address = await app.listen({ port: config.port, host: config.host });
  log(`Lotsen is serving on ${address.replace("0.0.0.0", "localhost")}`);
  return new Promise<number>(() => {});
}

type Values = {
  [K in keyof typeof options]?: (typeof options)[K] extends { multiple: true } ? string[] : (typeof options)[K]["type"] extends "boolean" ? boolean : string;
};

async function municipalityFor(db: OpenDatabase, code: string | undefined): Promise<Municipality> {
  const all = await listMunicipalities(db.app);
  // Without --municipality: the one in use (the region's other members are there without a host until taken into use).
  const inUse = all.filter((m) => m.hosts.length > 0);
  const found = code ? all.find((m) => m.kommunkod === code || m.slug === code) : all.length === 1 ? all[0] : inUse.length === 1 ? inUse[0] : undefined;
  if (!found) {
    throw new AppError(
      400,
      "municipality",
      code
        ? `No municipality with kommunkod or slug "${code}"`
        : `Name the municipality with --municipality (one of: ${all.map((m) => m.kommunkod).join(", ") || "none; run lotsen seed"})`,
    );
  }
  return found;
}

async function userCommand(db: OpenDatabase, sub: string | undefined, values: Values): Promise<number> {
  const municipality = await municipalityFor(db, values.municipality);
  const ctx: OperationContext = { db: db.app, actor: systemActor("cli"), scope: { municipalityId: municipality.id } };
  switch (sub) {
    case "add": {
      const roleList = values.role ?? [];
      const bad = roleList.filter((role) => !isRole(role));
      if (roleList.length === 0 || bad.length > 0) {
        throw new AppError(400, "usage", `--role must be one of ${roles.join(", ")}${bad.length ? ` (got ${bad.join(", ")})` : ""}`);
      }
      const { user, temporaryPassword } = await auth.createUser(
        ctx,
        {
          email: requiredFlag(values.email, "email").toLowerCase(),
          name: requiredFlag(values.name, "name"),
          roles: roleList.filter(isRole),
          unit_ids: [],
          active: true,
        },
        values.password ? { password: values.password } : {},
      );
      process.stdout.write(
        `Created ${user.email} (${user.id}) in ${municipality.name}${temporaryPassword ? `; temporary password: ${temporaryPassword}` : ""}\n`,
      );
      return 0;
    }
    case "list": {
      for (const user of await auth.listUsers(ctx)) {
        process.stdout.write(`${user.id}\t${user.email}\t${user.name}\t${user.roles.join(",")}\t${user.active ? "active" : "deactivated"}\n`);
      }
      return 0;
    }
    case "deactivate": {
      const id = await auth.findUserIdByEmail(db.app, ctx.scope, requiredFlag(values.email, "email"));
      if (!id) {
        throw new AppError(404, "not_found", `No account ${values.email} in ${municipality.name}`);
      }
      await auth.deactivateUser(ctx, id);
      process.stdout.write(`Deactivated ${values.email}\n`);
      return 0;
    }
    case "set-password": {
      const id = await auth.findUserIdByEmail(db.app, ctx.scope, requiredFlag(values.email, "email"));
      if (!id) {
        throw new AppError(404, "not_found", `No account ${values.email} in ${municipality.name}`);
      }
      const password = values.password ?? randomPassword();
      if (password.length < 12) {
        throw new AppError(400, "usage", "--password must have at least 12 characters");
      }
      await auth.setTemporaryPassword(ctx, id, password, { temporary: values.temporary ?? !values.password });
      process.stdout.write(`Password set for ${values.email}${values.password ? "" : `: ${password}`}\n`);
      return 0;
    }
    default:
      process.stdout.write(`${help.user}\n`);
      return 1;
  }
}

async function municipalityCommand(db: OpenDatabase, sub: string | undefined, values: Values, secret: string): Promise<number> {
  switch (sub) {
    case "add": {
      const municipality = await addMunicipality(db.app, {
        kommunkod: requiredFlag(values.kommunkod, "kommunkod"),
        hosts: (values.host ?? []).map((host) => host.toLowerCase()),
        regionSlug: values.region,
        name: values.name,
      });
      process.stdout.write(`Added ${municipality.name} (${municipality.kommunkod}) on ${municipality.hosts.join(", ") || "no host yet"}\n`);
      return 0;
    }
    case "list": {
      for (const municipality of await listMunicipalities(db.app)) {
        process.stdout.write(`${municipality.kommunkod}\t${municipality.name}\t${municipality.hosts.join(",")}\n`);
      }
      return 0;
    }
    case "mail": {
      const municipality = await municipalityFor(db, requiredFlag(values.municipality, "municipality"));
      const change = { mailFrom: values["mail-from"], smtpUrl: values["smtp-url"] };
      await setMunicipalMail(db.app, secret, municipality.id, change);
      process.stdout.write(`${municipality.name}: ${municipalMailChange(change)}\n`);
      return 0;
    }
    default:
      process.stdout.write(`${help.municipality}\n`);
      return 1;
  }
}

async function tokenCommand(db: OpenDatabase, sub: string | undefined, values: Values): Promise<number> {
  const municipality = await municipalityFor(db, values.municipality);
  const ctx: OperationContext = { db: db.app, actor: systemActor("cli"), scope: { municipalityId: municipality.id } };
  switch (sub) {
    case "create": {
      const id = await auth.findUserIdByEmail(db.app, ctx.scope, requiredFlag(values.email, "email"));
      if (!id) {
        throw new AppError(404, "not_found", `No account ${values.email} in ${municipality.name}`);
      }
      const days = Number(values.days ?? "90");
      if (!Number.isInteger(days) || days < 1 || days > 365) {
        throw new AppError(400, "usage", "--days must be a whole number from 1 to 365");
      }
      const { token, row } = await auth.createToken(ctx, { name: requiredFlag(values.name, "name"), days }, id);
      process.stdout.write(`${token}\n`);
      log(`Token ${row.id} for ${values.email}, expires ${row.expires_at.toISOString()}`);
      return 0;
    }
    case "revoke": {
      await auth.revokeToken(ctx, requiredFlag(values.id, "id"));
      process.stdout.write(`Revoked ${values.id}\n`);
      return 0;
    }
    default:
      process.stdout.write(`${help.token}\n`);
      return 1;
  }
}

/** Runs the CLI and turns every failure into one clear line and an exit code. */
export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedStartError) {
      log(error.message);
    } else if (error instanceof AppError) {
      log(`lotsen: ${error.fields.length ? error.fields.map((f) => `${f.path}: ${f.message}`).join("; ") : error.message}`);
    } else if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      log(
        `lotsen: the port is already in use (${error.message.replace(/^listen EADDRINUSE: address already in use /, "")}); stop the other server or set PORT`,
      );
    } else if (error instanceof Error && "code" in error && error.code === "ENOENT" && "path" in error) {
      log(`lotsen: there is no file ${String(error.path)}`);
    } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      log(`lotsen: ${error.message}`);
    } else {
      log(`lotsen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    process.exitCode = process.exitCode || 1;
  }
}
