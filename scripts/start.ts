import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded";
import { migrate, MigrationError } from "../lib/db/migrate";
import { parseConfig } from "../lib/config";
import { seed, SeedError } from "../prisma/seed";

// `npm run dev` / `npm start`: prepares the database (embedded when DATABASE_URL is unset), migrates, seeds,
// then runs Next with the resulting environment. Everything a fresh clone needs, nothing to configure.
const mode = process.argv[2] === "start" ? "start" : "dev";
const isProduction = process.env.NODE_ENV === "production";

async function main(): Promise<number> {
  const config = parseConfig({ ...process.env, NODE_ENV: isProduction ? "production" : "development" });
  if (isProduction && !config.APP_URL) {
    // Without it, invitation links would be built on whatever Host a request claims (a forged one included).
    throw new StartError("APP_URL must be set in production: the public URL of the console, e.g. https://iam.example.com, on which invitation links and SSO callbacks are built.");
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const env: NodeJS.ProcessEnv = { ...process.env };

  let embedded: EmbeddedPostgres | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(dataDir);
    env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL (PGlite) serving ${path.join(dataDir, "pglite")}`);
  }
  env.AUTH_SECRET = config.AUTH_SECRET ?? developmentSecret(dataDir);
  env.NEXT_TELEMETRY_DISABLED ??= "1";
  // Auth.js builds OAuth callback URLs from AUTH_URL when set; behind proxies (and under `next start`, whose route
  // handlers see "localhost") the request's own host is not the public one, so the public URL must win.
  if (config.APP_URL) env.AUTH_URL ??= config.APP_URL;

  await migrate(env.DATABASE_URL!);
  const { superadmin } = await seed(env.DATABASE_URL!, {
    isProduction,
    superadminEmail: config.SUPERADMIN_EMAIL,
    superadminPassword: config.SUPERADMIN_PASSWORD,
  });
  if (superadmin?.generatedPassword) printCredentials(superadmin.email, superadmin.generatedPassword);

  const next = spawn(process.execPath, [...nodeFlags(), nextBin(), mode, ...listenArgs(config.HOSTNAME)], { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  const code = await new Promise<number>((resolve) => next.on("exit", (exitCode) => resolve(exitCode ?? 0)));
  await embedded?.stop();
  return code;
}

/**
 * A page render allocates a few MB that die young; V8's default young generation (16 MB semi-spaces) then scavenges
 * often and promotes what concurrent requests still hold. 32 MB semi-spaces cut the server's CPU per Users page by
 * about a tenth (npm run bench) for at most ~100 MB more memory. NODE_OPTIONS with its own value wins.
 */
function nodeFlags(): string[] {
  if (mode !== "start" || /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "")) return [];
  return ["--max-semi-space-size=32"];
}

/**
 * `next start` and `next dev` listen on every interface unless told otherwise, and ignore HOSTNAME: a deployment
 * meant to be reachable only through its proxy (HOSTNAME=127.0.0.1) would be reachable directly, past the proxy's
 * per-address limits. So HOSTNAME is handed to Next as its --hostname.
 */
function listenArgs(hostname: string | undefined): string[] {
  return hostname ? ["--hostname", hostname] : [];
}

function nextBin(): string {
  return path.resolve("node_modules", "next", "dist", "bin", "next");
}

function developmentSecret(dataDir: string): string {
  if (isProduction) throw new StartError("AUTH_SECRET must be set in production (e.g. `openssl rand -base64 33`).");
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another instance starting at the same moment wrote it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}

function printCredentials(email: string, password: string) {
  const lines = ["First superadmin created (shown once; choose a new password at first sign-in):", `  Email:    ${email}`, `  Password: ${password}`];
  const width = Math.max(...lines.map((line) => line.length));
  console.log(`\n┌${"─".repeat(width + 2)}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join("\n")}\n└${"─".repeat(width + 2)}┘\n`);
}

class StartError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof StartError || error instanceof MigrationError || error instanceof SeedError;
    const message = error instanceof Error && (known || error.message.startsWith("Invalid configuration")) ? error.message : String(error);
    console.error(`\nCannot start IAM Console: ${message}`);
    if (!known && error instanceof Error) console.error(error.stack);
    process.exit(1);
  },
);
