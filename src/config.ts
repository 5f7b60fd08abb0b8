import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The settings Lotsen runs with, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseAppUrl: string | undefined;
  dataDir: string;
  secret: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  logLevel: string;
  /**
   * The proxies in front of Lotsen whose `X-Forwarded-For` and `X-Forwarded-Proto` are
   * believed: none (false), the nearest N hops, or these addresses and ranges. Never "all".
   */
  trustProxy: false | number | string[];
  /** Outbound mail: SMTP when set, else `.eml` files under the data folder. */
  smtpUrl: string | undefined;
  mailFrom: string;
  mailConnections: number;
  /** Messages per second this process sends at most; unlimited when unset. */
  mailRate: number | undefined;
  /** The Bearer token Prometheus shows to read `/metrics`; unset, `/metrics` answers 404. */
  metricsToken: string | undefined;
  /** The address the public reaches Lotsen at, for links in mail (status links, unsubscribe). */
  publicUrl: string | undefined;
  /** Whether webhooks may call addresses inside the installation's network (an intranet receiver); off by default. */
  webhooksInternal: boolean;
}

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgres:// or postgresql:// URL");

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_APP_URL: postgresUrl.optional(),
  LOTSEN_DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  LOTSEN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOTSEN_ADMIN_EMAIL: z.email("must be an e-mail address").optional(),
  LOTSEN_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  LOTSEN_DEMO: z.enum(["0", "1", "true", "false"], { message: "must be 0 or 1" }).optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|false|(\s*[0-9a-fA-F.:]+(\/\d{1,3})?\s*)(,\s*[0-9a-fA-F.:]+(\/\d{1,3})?\s*)*)$/,
      "must be the number of proxies in front of Lotsen (1 for one) or their addresses (10.0.0.2,10.0.1.0/24); 0 for none",
    )
    .optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^/]+/.test(value), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(.*<)?[^@<>\s]+@[^@<>\s]+>?$/, "must be an address like Lotsen <lotsen@example.se>")
    .default("Lotsen <lotsen@localhost>"),
  MAIL_CONNECTIONS: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 50")
    .max(50, "must be between 1 and 50")
    .default(2),
  MAIL_RATE: z.coerce.number({ message: "must be a number" }).positive("must be more than 0").optional(),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: z.url("must be a URL like https://lotsen.askersund.se").optional(),
  WEBHOOKS_ALLOW_INTERNAL: z.enum(["0", "1", "true", "false"], { message: "must be 0 or 1" }).optional(),
});

/** Thrown when settings are wrong; `problems` holds one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Lotsen cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Validates the environment and returns typed settings, or throws `ConfigError`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message} ${shownValue(String(issue.path[0]), env)}`));
  }
  const settings = parsed.data;
  const dataDir = path.resolve(settings.LOTSEN_DATA_DIR);
  return {
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    databaseAppUrl: settings.DATABASE_APP_URL,
    dataDir,
    secret: settings.LOTSEN_SECRET ?? keptSecret(dataDir),
    adminEmail: settings.LOTSEN_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: settings.LOTSEN_ADMIN_PASSWORD,
    demo: settings.LOTSEN_DEMO === undefined ? true : ["1", "true"].includes(settings.LOTSEN_DEMO),
    logLevel: settings.LOG_LEVEL,
    trustProxy: trustedProxies(settings.TRUST_PROXY),
    smtpUrl: settings.SMTP_URL,
    mailFrom: settings.MAIL_FROM,
    mailConnections: settings.MAIL_CONNECTIONS,
    mailRate: settings.MAIL_RATE,
    metricsToken: settings.METRICS_TOKEN,
    publicUrl: settings.PUBLIC_URL?.replace(/\/$/, ""),
    webhooksInternal: ["1", "true"].includes(settings.WEBHOOKS_ALLOW_INTERNAL ?? ""),
  };
}

/** Settings that hold a secret, or may (a URL with a password): their values never reach a log. */
const secretSettings = new Set(["METRICS_TOKEN", "LOTSEN_SECRET", "LOTSEN_ADMIN_PASSWORD", "DATABASE_URL", "DATABASE_APP_URL", "SMTP_URL"]);

function shownValue(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name] ?? "";
  return secretSettings.has(name) ? `(the value is not shown: ${value.length} characters)` : `(got "${value}")`;
}

function trustedProxies(value: string | undefined): Config["trustProxy"] {
  if (value === undefined || value === "0" || value === "false") {
    return false;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  return value.split(",").map((address) => address.trim());
}

/** A secret generated on first start and kept in the data folder, so sessions survive restarts. */
function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) {
    return readFileSync(file, "utf8").trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
