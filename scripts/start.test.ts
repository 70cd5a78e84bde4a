import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// `npm start` itself, as a deployment runs it: the refusal happens before any database or port is touched.
describe("npm start in production", () => {
  it("refuses to start without APP_URL, naming it", () => {
    const environment = { ...process.env };
    delete environment.APP_URL;
    const started = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts", "start"], {
      env: { ...environment, NODE_ENV: "production", AUTH_SECRET: "start-test-secret-start-test-secret-1", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain("Cannot start IAM Console: APP_URL must be set in production");
    expect(started.stderr).not.toMatch(/\n\s+at /);
  });
});
