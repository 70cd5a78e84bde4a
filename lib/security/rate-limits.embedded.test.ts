import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createRateLimits, type LimitRules, type RateLimits } from "./rate-limits";

// `npm run dev` without DATABASE_URL runs on PGlite behind its socket server: the limits must work there too.
// (Trips are audited through db(), i.e. the test run's PostgreSQL; this file checks the counters in PGlite.)

const RULES: LimitRules = {
  signInAccount: { maxFailures: 3, windowSeconds: 60, lockSeconds: 60 },
  signInIp: { maxFailures: 5, windowSeconds: 60, lockSeconds: 60 },
  acceptIp: { maxFailures: 2, windowSeconds: 60, lockSeconds: 60 },
  invitations: { max: 5, windowSeconds: 3600 },
  passwordResetEmail: { max: 2, windowSeconds: 3600 },
  passwordResetIp: { max: 3, windowSeconds: 3600 },
};
const dataDir = mkdtempSync(path.join(os.tmpdir(), "iam-limits-"));
let server: EmbeddedPostgres;
const pools: pg.Pool[] = [];

/** Idle connections are closed after 20 ms, so the next statement runs on a fresh connection to the one session. */
function pool() {
  const created = new pg.Pool({ connectionString: server.url, max: 2, idleTimeoutMillis: 20 });
  pools.push(created);
  return created;
}
const pause = () => new Promise((resolve) => setTimeout(resolve, 60));
/** A wrong password as credentials.ts counts it: the attempt first, then its failure. */
const fail = async (limits: RateLimits, email: string, client: string | null) => limits.failSignIn(await limits.beginSignIn(email, client));

beforeAll(async () => {
  server = await startEmbeddedPostgres(dataDir);
  await migrate(server.url, { log: () => {} });
});

afterAll(async () => {
  await Promise.all(pools.map((each) => each.end()));
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("rate limits on the embedded PostgreSQL (PGlite)", () => {
  it("counts across two instances and reconnections, locks at the threshold, gives a right password's attempt back, and keeps the counters in rate_limits", async () => {
    const first = createRateLimits(pool(), RULES, { clearExpired: false });
    const second = createRateLimits(pool(), RULES, { clearExpired: false });
    const email = `embedded-${randomBytes(4).toString("hex")}@limits.test`;

    expect(await fail(first, email, "192.0.2.10")).toBeNull();
    await pause();
    expect(await fail(second, email, "192.0.2.10")).toBeNull();
    await pause();
    expect(await first.succeedSignIn(await first.beginSignIn(email, "192.0.2.10"))).toBeNull();
    expect(await first.signInLock(email, null)).toBeNull();
    expect(await fail(second, email, "192.0.2.10")).toBe("account");
    await pause();
    expect(await first.signInLock(email, null)).toBe("account");
    await first.recordAcceptFailure("192.0.2.11");
    await second.recordAcceptFailure("192.0.2.11");
    expect(await first.acceptBlocked("192.0.2.11")).toBe(true);

    const { rows } = await pools[0].query<{ key: string; points: number }>(`SELECT key, points FROM rate_limits ORDER BY key`);
    // A lock is stored as threshold + 1 points until it ends; the right password's attempt was given back.
    expect(rows).toEqual([
      { key: "accept-ip:192.0.2.11", points: 3 },
      { key: `sign-in-account:${email}`, points: 4 },
      { key: "sign-in-ip:192.0.2.10", points: 3 },
    ]);
    expect(await second.succeedSignIn(await second.beginSignIn(email, null))).toBe("account");
  });

  it("needs unnamed statements: the library's own named ones collide in PGlite's single session (42P05)", async () => {
    // If this starts passing, PGlite keeps statements per connection and unnamedStatements() could go.
    const options = { storeType: "pool", tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, points: 5, duration: 60 };
    const a = new RateLimiterPostgres({ ...options, storeClient: pool() });
    const b = new RateLimiterPostgres({ ...options, storeClient: pool() });
    await a.consume("named-statements");
    await expect(b.consume("named-statements")).rejects.toMatchObject({ code: "42P05" });
  });
});
