import { createHmac } from "node:crypto";
import pg from "pg";

/** Connection strings of the two roles Lotsen uses on one database. */
export interface DatabaseUrls {
  /** Owns the tables and runs migrations. */
  ownerUrl: string;
  /** Serves requests; neither superuser nor owner, so row-level security binds it. */
  appUrl: string;
}

export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  if (database !== undefined) {
    parsed.pathname = `/${database}`;
  }
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** The app role's password, derived from the secret so it needs no storage of its own. */
export function derivedPassword(secret: string, role: string): string {
  return createHmac("sha256", secret).update(`postgres-role:${role}`).digest("base64url");
}

export function appRoleName(ownerUrl: string): string {
  const owner = decodeURIComponent(new URL(ownerUrl).username) || "lotsen";
  return `${owner}_app`.replace(/[^a-zA-Z0-9_]/g, "_").slice(0, 60);
}

/**
 * Creates (or refreshes) the login role that serves requests. Run by the owner, which
 * needs CREATEROLE; the role gets only the grants migrations give it.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_roles where rolname = $1", [role]);
    const ident = client.escapeIdentifier(role);
    const literal = client.escapeLiteral(password);
    if (exists.rowCount === 0) {
      await client.query(`create role ${ident} login nosuperuser nocreatedb nocreaterole noinherit password ${literal}`);
    } else {
      await client.query(`alter role ${ident} login password ${literal}`);
    }
    const database = client.escapeIdentifier(databaseName(ownerUrl));
    await client.query(`grant connect, temporary on database ${database} to ${ident}`);
  } finally {
    await client.end();
  }
}

/** Creates the owner role and its database on a server where we are superuser (the embedded one). */
export async function ensureOwnerAndDatabase(superuserUrl: string, owner: string, password: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const ident = client.escapeIdentifier(owner);
    const literal = client.escapeLiteral(password);
    const role = await client.query("select 1 from pg_roles where rolname = $1", [owner]);
    if (role.rowCount === 0) {
      await client.query(`create role ${ident} login createdb createrole password ${literal}`);
    } else {
      await client.query(`alter role ${ident} login createdb createrole password ${literal}`);
    }
    const db = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (db.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)} owner ${ident}`);
    }
  } finally {
    await client.end();
  }
}
