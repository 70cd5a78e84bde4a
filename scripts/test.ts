import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase } from "../test/database";

// `npm test`: lint, unit + integration tests (Vitest, real PostgreSQL), production build, e2e (Playwright,
// Debian Chromium) on a database created for this run and dropped afterwards. `npm test -- unit|e2e` runs one part;
// `security` runs the security subset (files named *security* or under lib/security, the rate-limit, session and
// hostile-request specs).
// `npm run test:e2e -- <Playwright arguments>` passes them on, e.g. `-g "Invite several"` for one test.
const part = process.argv[2];
const SECURITY_FILTERS = ["security", "rate-limits", "sessions", "hostile-requests"];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new StepFailed(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

async function main() {
  if (part === "security") {
    run("npx", ["vitest", "run", ...SECURITY_FILTERS]);
    await e2e(SECURITY_FILTERS);
    return;
  }
  if (!part || part === "unit") {
    run("npx", ["eslint", "."]);
    run("npx", ["vitest", "run"]);
  }
  if (!part || part === "e2e") await e2e(process.argv.slice(3));
}

async function e2e(filters: string[]) {
  run("npx", ["next", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  const database = await createDatabase("iam_e2e");
  // The app server's output is also written here (playwright.config.ts) for e2e/security-token-logging.spec.ts to read;
  // kept when the run fails, for whoever investigates.
  const logDir = mkdtempSync(path.join(tmpdir(), "iam-e2e-"));
  const serverLog = path.join(logDir, "app-server.log");
  let passed = false;
  try {
    run("npx", ["playwright", "test", ...filters], { ...process.env, E2E_DATABASE_URL: database.url, E2E_SERVER_LOG: serverLog });
    passed = true;
  } finally {
    await dropDatabase(database.name);
    if (passed) rmSync(logDir, { recursive: true, force: true });
    else console.log(`App server output: ${serverLog}`);
  }
}

class StepFailed extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof StepFailed ? `\n✗ ${error.message}` : error);
  process.exit(1);
});
