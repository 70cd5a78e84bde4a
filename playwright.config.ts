import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Runs against a production build (`npm run build`) on a database that scripts/test.ts creates and drops.
// Two app instances share that database: one sends email through a local Resend stand-in and signs in through a
// local OpenID Provider, one has neither configured (the "share this link" path, no SSO buttons). Both also prove
// that two instances can run on one database.
// Two workers run the tests, any test on either (fullyParallel): each worker writes only in a tenant of its own,
// created when it starts (e2e/fixtures.ts), so tests never see each other's data.
const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PORTS = { app: port, appWithoutEmail: port + 1, resend: port + 2, idp: port + 3 };
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };
// The apps are addressed as localhost, not 127.0.0.1: Next normalises 127.x hosts to "localhost" in request URLs,
// so Auth.js computes OAuth callback URLs (and cookie hosts must match them) on localhost.
export const appOrigin = (appPort: number) => `http://localhost:${appPort}`;
export const RESEND_STAND_IN = `http://127.0.0.1:${E2E_PORTS.resend}`;
export const OIDC_ISSUER = `http://127.0.0.1:${E2E_PORTS.idp}`;
// E2E_OIDC_STRICT=1 starts the test OpenID Provider in strict mode: every user's email and profile claims come only
// from UserInfo, not the ID token (dev/oidc-provider/provider.ts). e2e/sso.spec.ts covers both kinds of user either way.
export const OIDC_STRICT = process.env.E2E_OIDC_STRICT === "1";
const idpStrictFlag = OIDC_STRICT ? " --strict" : "";

// scripts/test.ts names a file (E2E_SERVER_LOG) that the main app server's stdout and stderr are also appended to, so
// a spec can read what the server logged (e2e/security-token-logging.spec.ts: no invitation token or password in it). tee
// keeps the output flowing to Playwright's "pipe" as before (stderr now joins stdout there); the file is a copy.
const serverLog = process.env.E2E_SERVER_LOG;
const appCommand = serverLog ? `npm start 2>&1 | tee -a '${serverLog.replaceAll("'", "'\\''")}'` : "npm start";

const appEnv = (appPort: number) => ({
  PORT: String(appPort),
  DATABASE_URL: requiredEnv("E2E_DATABASE_URL"),
  AUTH_SECRET: "e2e-secret-that-is-long-enough-for-authjs-0123456789",
  SUPERADMIN_EMAIL: E2E_ADMIN.email,
  SUPERADMIN_PASSWORD: E2E_ADMIN.password,
  APP_URL: appOrigin(appPort),
});

export default defineConfig({
  testDir: "e2e",
  // Two workers on two cores (and whatever else the machine runs) make each test up to twice as slow as it is alone:
  // 30 s was tight for the longer journeys already. A hung test still fails, later.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: appOrigin(port),
    // Locally, a failed test keeps its trace (actions, DOM snapshots, network, console), without the screencast, which
    // cost about a fifth of the suite's CPU. In CI no trace is recorded: CI runs in a throwaway clone that keeps only
    // the log (the failure, its error-context.md page snapshot and the server output), and recording a trace for every
    // test, to discard it when the test passes, cost another eighth of the suite's time.
    trace: process.env.CI ? "off" : { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is impossible here (docs/architecture.md § Tests).
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      command: `npx tsx e2e/resend-stand-in.ts ${E2E_PORTS.resend}`,
      url: `${RESEND_STAND_IN}/__emails`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx tsx dev/oidc-provider/provider.ts --port ${E2E_PORTS.idp} --redirect-uri ${appOrigin(E2E_PORTS.app)}/api/auth/callback/oidc${idpStrictFlag}`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: appCommand,
      url: `http://127.0.0.1:${E2E_PORTS.app}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...appEnv(E2E_PORTS.app),
        RESEND_API_KEY: "re_e2e_stand_in",
        RESEND_BASE_URL: RESEND_STAND_IN,
        EMAIL_FROM: "IAM Console <iam@e2e.test>",
        AUTH_OIDC_ISSUER: OIDC_ISSUER,
        AUTH_OIDC_ID: "iam-console",
        AUTH_OIDC_SECRET: "iam-console-secret",
      },
    },
    {
      command: "npm start",
      url: `http://127.0.0.1:${E2E_PORTS.appWithoutEmail}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: appEnv(E2E_PORTS.appWithoutEmail),
    },
  ],
});

/**
 * Debian's chromium-headless-shell when installed: the old headless mode, which Playwright itself runs headless tests
 * in, took about 30 % less time over the same specs than the full browser in its new headless mode (which composites
 * like a window on screen). `--headed` needs the full browser: CHROMIUM_PATH=/usr/bin/chromium.
 */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium";
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suite with \`npm test\` or \`npm run test:e2e\`.`);
  return value;
}
