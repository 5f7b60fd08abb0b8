import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), "lotsen-config-"));

describe("settings from the environment", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({ LOTSEN_DATA_DIR: dataDir() });
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, adminEmail: undefined });
  });

  it("names every bad value in one message, one line each", () => {
    try {
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        LOTSEN_SECRET: "short",
        LOTSEN_ADMIN_EMAIL: "admin",
        LOTSEN_DEMO: "maybe",
        LOTSEN_DATA_DIR: dataDir(),
      });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.find((p) => p.startsWith("PORT"))).toContain('must be a number (got "eighty")');
      expect(problems.find((p) => p.startsWith("DATABASE_URL"))).toContain("postgres://");
      expect(problems.find((p) => p.startsWith("LOTSEN_SECRET"))).toContain("at least 32 characters");
      expect(problems.find((p) => p.startsWith("LOTSEN_ADMIN_EMAIL"))).toContain("e-mail address");
      expect(problems.find((p) => p.startsWith("LOTSEN_DEMO"))).toContain("0 or 1");
    }
  });

  it("never echoes a secret it refuses: the secret, a password or a URL that may carry one", () => {
    const secrets = {
      LOTSEN_SECRET: "hemligt-men-for-kort",
      DATABASE_URL: "mysql://lotsen:Hemligt-Losen-1@db/lotsen",
      SMTP_URL: "mail://u:Smtp-Losen-2@mail",
      LOTSEN_ADMIN_PASSWORD: "kort-3",
    };
    try {
      loadConfig({ ...secrets, LOTSEN_DATA_DIR: dataDir() });
      throw new Error("expected a ConfigError");
    } catch (error) {
      const message = (error as ConfigError).message;
      expect((error as ConfigError).problems).toHaveLength(4);
      for (const value of ["hemligt-men-for-kort", "Hemligt-Losen-1", "Smtp-Losen-2", "kort-3"]) {
        expect(message).not.toContain(value);
      }
      expect(message).toContain("LOTSEN_SECRET must be at least 32 characters (the value is not shown: 20 characters)");
    }
  });

  it("takes the number of proxies or their addresses, and refuses to trust every hop", () => {
    expect(loadConfig({ TRUST_PROXY: "1", LOTSEN_DATA_DIR: dataDir() }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.2, 10.0.1.0/24", LOTSEN_DATA_DIR: dataDir() }).trustProxy).toEqual(["10.0.0.2", "10.0.1.0/24"]);
    expect(loadConfig({ TRUST_PROXY: "0", LOTSEN_DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: "true", LOTSEN_DATA_DIR: dataDir() })).toThrow(/TRUST_PROXY must be the number of proxies/);
  });

  it("names bad mail settings, and reads good ones", () => {
    try {
      loadConfig({ SMTP_URL: "mail.example.se", MAIL_FROM: "lotsen", MAIL_CONNECTIONS: "0", PUBLIC_URL: "not a url", LOTSEN_DATA_DIR: dataDir() });
      throw new Error("expected a ConfigError");
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.find((p) => p.startsWith("SMTP_URL"))).toContain("smtp://");
      expect(problems.find((p) => p.startsWith("MAIL_FROM"))).toContain("lotsen@example.se");
      expect(problems.find((p) => p.startsWith("MAIL_CONNECTIONS"))).toContain("between 1 and 50");
      expect(problems.find((p) => p.startsWith("PUBLIC_URL"))).toContain("URL");
    }
    const config = loadConfig({
      SMTP_URL: "smtp://u:p@mail.example.se:587",
      MAIL_FROM: "Askersunds kommun <naringsliv@askersund.se>",
      PUBLIC_URL: "https://lotsen.askersund.se/",
      LOTSEN_DATA_DIR: dataDir(),
    });
    expect(config).toMatchObject({
      smtpUrl: "smtp://u:p@mail.example.se:587",
      mailFrom: "Askersunds kommun <naringsliv@askersund.se>",
      mailConnections: 2,
      publicUrl: "https://lotsen.askersund.se",
    });
  });

  it("generates the secret once and keeps it in the data folder", () => {
    const dir = dataDir();
    const first = loadConfig({ LOTSEN_DATA_DIR: dir }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ LOTSEN_DATA_DIR: dir }).secret).toBe(first);
    expect(readFileSync(path.join(dir, "secret"), "utf8").trim()).toBe(first);
  });

  it("turns demo data off with LOTSEN_DEMO=0", () => {
    expect(loadConfig({ LOTSEN_DEMO: "0", LOTSEN_DATA_DIR: dataDir() }).demo).toBe(false);
  });
});
