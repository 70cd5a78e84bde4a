import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFailure } from "@/lib/actions/run-action";
import { authenticateWithPassword, SignInLocked, signInLockMessage } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { parseConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { addressKey, clientAddress, createRateLimits, LIMIT_MESSAGES, type LimitRules, type RateLimits, takeInvitationAllowance } from "./rate-limits";

// Two pools and two RateLimits on the same database stand for two app instances behind a load balancer.
const RULES: LimitRules = {
  signInAccount: { maxFailures: 3, windowSeconds: 60, lockSeconds: 60 },
  signInIp: { maxFailures: 5, windowSeconds: 60, lockSeconds: 60 },
  acceptIp: { maxFailures: 3, windowSeconds: 60, lockSeconds: 60 },
  invitations: { max: 5, windowSeconds: 3600 },
  passwordResetEmail: { max: 2, windowSeconds: 3600 },
  passwordResetIp: { max: 3, windowSeconds: 3600 },
};
const PASSWORD = "the-right-password-1";
const run = randomBytes(4).toString("hex");
const unique = (label: string) => `${label}-${run}-${randomBytes(3).toString("hex")}@limits.test`;
const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

let poolA: pg.Pool;
let poolB: pg.Pool;
let instanceA: RateLimits;
let instanceB: RateLimits;
const tenantId = `limits-${run}`;
let inviter: { id: string; email: string };

beforeAll(async () => {
  poolA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  poolB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  instanceA = createRateLimits(poolA, RULES);
  instanceB = createRateLimits(poolB, RULES, { clearExpired: false });
  await db().tenant.create({ data: { id: tenantId, name: "Limits" } });
  const user = await db().user.create({ data: { email: unique("inviter") } });
  inviter = { id: user.id, email: user.email };
});

afterAll(async () => {
  await db().tenant.deleteMany({ where: { id: tenantId } });
  await db().user.deleteMany({ where: { email: { endsWith: "@limits.test" } } });
  await poolA?.end();
  await poolB?.end();
});

async function createUser(email: string) {
  await db().user.create({ data: { email, firstName: "Grace", lastName: "Hopper", passwordHash: await hashPassword(PASSWORD) } });
}

/** What a sign-in answers: the user's email, "null" (wrong credentials) or the lock's code. */
async function attempt(email: string, password: string, limits: RateLimits, client: string | null = null): Promise<string> {
  try {
    return (await authenticateWithPassword(email, password, { client, limits }))?.email ?? "null";
  } catch (error) {
    if (error instanceof SignInLocked) return error.code;
    throw error;
  }
}

const trips = (key: string) =>
  db().auditLog.findMany({ where: { resourceType: "SECURITY", action: "RATE_LIMIT", resourceId: key }, orderBy: { id: "asc" } });

describe("sign-in failures per account (real PostgreSQL, two instances)", () => {
  it("locks on the Nth failure counted across both instances, refuses the right password while locked, audits the trip once", async () => {
    const email = unique("locked");
    await createUser(email);
    expect(await attempt(email, "wrong-1", instanceA)).toBe("null");
    expect(await attempt(email, "wrong-2", instanceB)).toBe("null");
    // The third failure (on the other instance) is the one that locks, and already says so.
    expect(await attempt(email, "wrong-3", instanceA)).toBe("account_locked");
    expect(await attempt(email, PASSWORD, instanceB)).toBe("account_locked");
    expect(await attempt(email.toUpperCase(), PASSWORD, instanceA)).toBe("account_locked");
    expect(await attempt(email, "wrong-4", instanceA)).toBe("account_locked");

    const entries = await trips(email);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tenantId: null, actorId: null, actorEmail: "system", resourceType: "SECURITY", action: "RATE_LIMIT" });
    expect(entries[0].details).toBe(`Sign-in for ${email} locked for 1 minute after 3 failures within 1 minute`);
    expect(entries[0].after).toMatchObject({ limit: "sign-in-account", key: email, maxFailures: 3 });
    const stored = await db().user.findUniqueOrThrow({ where: { email } });
    expect(stored.lastLoginAt).toBeNull();
  });

  it("treats an unknown email exactly like a known one: same answers, same lock, same audit", async () => {
    const known = unique("known");
    const unknown = unique("nobody");
    await createUser(known);
    const answers = async (email: string) => {
      const seen: string[] = [];
      for (const limits of [instanceA, instanceB, instanceA, instanceB]) seen.push(await attempt(email, "wrong-password", limits));
      seen.push(await attempt(email, PASSWORD, instanceA));
      return seen;
    };
    const expected = ["null", "null", "account_locked", "account_locked", "account_locked"];
    expect(await answers(known)).toEqual(expected);
    expect(await answers(unknown)).toEqual(expected);
    expect(await trips(unknown)).toHaveLength(1);
    expect(signInLockMessage(new SignInLocked("account"))).toBe(
      "This account is temporarily locked after too many failed sign-ins. Try again later.",
    );
  });

  it("gives a successful sign-in's own attempt back but keeps the failures before it", async () => {
    const email = unique("refund");
    await createUser(email);
    expect(await attempt(email, "wrong-1", instanceA)).toBe("null");
    expect(await attempt(email, PASSWORD, instanceB)).toBe(email);
    expect(await attempt(email, PASSWORD, instanceA)).toBe(email);
    expect(await attempt(email, "wrong-2", instanceB)).toBe("null");
    // Two successes in between erased nothing: this is the third failure of the window.
    expect(await attempt(email, "wrong-3", instanceA)).toBe("account_locked");
    expect(await attempt(email, PASSWORD, instanceB)).toBe("account_locked");
  });

  it("a burst of 40 parallel guesses on both instances gets at most the threshold verified, and no sign-in once locked", async () => {
    const limit = 10;
    const rules = { ...RULES, signInAccount: { maxFailures: limit, windowSeconds: 60, lockSeconds: 60 } };
    const email = unique("parallel");
    await createUser(email);
    // Counts the attempts the limiter let through to password verification, on either instance.
    let verified = 0;
    const counting = (limits: RateLimits): RateLimits => ({
      ...limits,
      beginSignIn: async (...args) => {
        const begun = await limits.beginSignIn(...args);
        if (!begun.lock) verified++;
        return begun;
      },
    });
    const instances = [counting(createRateLimits(poolA, rules, { clearExpired: false })), counting(createRateLimits(poolB, rules, { clearExpired: false }))];
    const rightAt = Math.floor(Math.random() * 40);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(email, i === rightAt ? PASSWORD : `wrong-${i}`, instances[i % 2])),
    );
    expect(verified).toBeLessThanOrEqual(limit);
    expect(results.filter((result) => result === email).length).toBeLessThanOrEqual(1);
    expect(results.filter((result) => result === "account_locked").length).toBeGreaterThanOrEqual(40 - limit);
    // Locked now, the right password included, on both instances; the lock was audited once.
    expect(await attempt(email, PASSWORD, instances[0])).toBe("account_locked");
    expect(await attempt(email, PASSWORD, instances[1])).toBe("account_locked");
    expect(verified).toBeLessThanOrEqual(limit);
    expect(await trips(email)).toHaveLength(1);
  });

  it("a right password verified while a burst locks the account does not sign in", async () => {
    const email = unique("late-success");
    await createUser(email);
    // The right password's attempt is admitted first, then the burst fills and locks the window before it is settled.
    const early = await instanceA.beginSignIn(email, null);
    for (let i = 0; i < 3; i++) await instanceB.failSignIn(await instanceB.beginSignIn(email, null));
    expect(await instanceA.succeedSignIn(early)).toBe("account");
  });

  it("counts a disabled account's right password as a failure, and the lock ends after its duration", async () => {
    const short = createRateLimits(poolA, { ...RULES, signInAccount: { maxFailures: 2, windowSeconds: 60, lockSeconds: 1 } }, { clearExpired: false });
    const email = unique("expires");
    await createUser(email);
    await db().user.update({ where: { email }, data: { disabled: true } });
    expect(await attempt(email, PASSWORD, short)).toBe("null");
    expect(await attempt(email, PASSWORD, short)).toBe("account_locked");
    await db().user.update({ where: { email }, data: { disabled: false } });
    expect(await attempt(email, PASSWORD, short)).toBe("account_locked");
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await attempt(email, PASSWORD, short)).toBe(email);
  });

  it("trips once under a burst of concurrent failures on both instances", async () => {
    const email = unique("burst");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(email, `wrong-${i}`, i % 2 ? instanceA : instanceB)),
    );
    expect(results.filter((result) => result === "null").length).toBeLessThanOrEqual(2);
    expect(await attempt(email, "anything", instanceA)).toBe("account_locked");
    expect(await trips(email)).toHaveLength(1);
  });

  it("survives hostile emails: 254 characters, unicode, SQL", async () => {
    for (const email of [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}`, "zoë'; DROP TABLE rate_limits;--@x.test"]) {
      for (let i = 0; i < 2; i++) expect(await attempt(email, "wrong", instanceA)).toBe("null");
      expect(await attempt(email, "wrong", instanceB)).toBe("account_locked");
      expect(await trips(email.toLowerCase())).toHaveLength(1);
    }
  });

  it("turns the account lock off with a threshold of 0", async () => {
    const off = createRateLimits(poolA, { ...RULES, signInAccount: { maxFailures: 0, windowSeconds: 60, lockSeconds: 60 } }, { clearExpired: false });
    const email = unique("off");
    for (let i = 0; i < 5; i++) expect(await attempt(email, "wrong", off)).toBe("null");
  });
});

describe("sign-in failures per client address", () => {
  it("blocks the address after N failures over any emails, for every account, and not other addresses", async () => {
    const ip = randomIp();
    const victim = unique("victim");
    await createUser(victim);
    for (let i = 0; i < 4; i++) expect(await attempt(unique("spray"), "wrong", i % 2 ? instanceA : instanceB, ip)).toBe("null");
    expect(await attempt(unique("spray"), "wrong", instanceA, ip)).toBe("address_blocked");
    expect(await attempt(victim, PASSWORD, instanceB, ip)).toBe("address_blocked");
    expect(await attempt(victim, PASSWORD, instanceB, randomIp())).toBe(victim);
    expect(await attempt(victim, PASSWORD, instanceB, null)).toBe(victim);

    const entries = await trips(ip);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tenantId: null, details: `Sign-in from ${ip} blocked for 1 minute after 5 failures within 1 minute` });
    expect(signInLockMessage(new SignInLocked("address"))).toBe(LIMIT_MESSAGES.addressBlocked);
  });
});

describe("failed invitation-link uses per client address", () => {
  it("blocks after N failures on either instance, audits once, and never blocks an unknown address", async () => {
    const ip = randomIp();
    for (let i = 0; i < 2; i++) {
      await (i ? instanceA : instanceB).recordAcceptFailure(ip);
      expect(await instanceA.acceptBlocked(ip)).toBe(false);
    }
    await instanceB.recordAcceptFailure(ip);
    expect(await instanceA.acceptBlocked(ip)).toBe(true);
    expect(await instanceB.acceptBlocked(ip)).toBe(true);
    await instanceA.recordAcceptFailure(ip);
    expect(await trips(ip)).toMatchObject([{ tenantId: null, details: `Invitation links from ${ip} blocked for 1 minute after 3 failures within 1 minute` }]);
    expect(await instanceA.acceptBlocked(randomIp())).toBe(false);

    for (let i = 0; i < 5; i++) await instanceA.recordAcceptFailure(null);
    expect(await instanceA.acceptBlocked(null)).toBe(false);
  });
});

describe("invitations per inviter", () => {
  it("allows up to the limit across instances, refuses a batch that does not fit whole (taking nothing), audits each refusal", async () => {
    expect(await instanceA.takeInvitations(inviter, tenantId, 3)).toBe(true);
    expect(await instanceB.takeInvitations(inviter, tenantId, 3)).toBe(false);
    expect(await instanceB.takeInvitations(inviter, tenantId, 2)).toBe(true);
    expect(await instanceA.takeInvitations(inviter, tenantId, 1)).toBe(false);
    const entries = await trips(inviter.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ tenantId, actorId: inviter.id, actorEmail: inviter.email, resourceType: "SECURITY", action: "RATE_LIMIT" });
    expect(entries[0].details).toBe(`${inviter.email} was refused 3 invitations: at most 5 per 1 hour`);
    expect(entries[0].after).toMatchObject({ limit: "invitations", key: inviter.id, requested: 3, max: 5 });
  });

  it("refuses a bulk invite larger than the limit at once, without using up the allowance", async () => {
    const other = await db().user.create({ data: { email: unique("bulk") } });
    const someone = { id: other.id, email: other.email };
    expect(await instanceA.takeInvitations(someone, tenantId, 500)).toBe(false);
    expect(await instanceB.takeInvitations(someone, tenantId, 5)).toBe(true);
    expect(await instanceB.takeInvitations(someone, tenantId, 1)).toBe(false);
    expect(await trips(someone.id)).toHaveLength(2);
  });

  it("refuses the invite actions with the message users see", async () => {
    const other = await db().user.create({ data: { email: unique("actions") } });
    const actor = { id: other.id, email: other.email, tenantId };
    await takeInvitationAllowance(actor, 5, instanceA);
    const refused = await takeInvitationAllowance(actor, 1, instanceB).catch((error: unknown) => error);
    expect(toFailure(refused)).toEqual({ ok: false, error: "You have sent too many invitations in the last hour. Try again later." });
  });

  it("never lets concurrent batches overshoot the limit", async () => {
    const other = await db().user.create({ data: { email: unique("race") } });
    const someone = { id: other.id, email: other.email };
    const granted = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? instanceA : instanceB).takeInvitations(someone, tenantId, 1)));
    expect(granted.filter(Boolean)).toHaveLength(5);
  });
});

describe("password reset requests", () => {
  it("allow so many per email (known or not) and per address an hour, on every instance, and audit the refusal", async () => {
    const email = unique("reset");
    expect(await instanceA.takePasswordReset(email, null)).toBe(true);
    expect(await instanceB.takePasswordReset(email.toUpperCase(), null)).toBe(true);
    expect(await instanceA.takePasswordReset(email, null)).toBe(false);
    expect(await db().auditLog.count({ where: { resourceType: "SECURITY", resourceId: email, details: { contains: "Password reset for" } } })).toBe(1);

    const client = `198.51.100.${Math.floor(Math.random() * 200)}-${run}`;
    for (let request = 0; request < 3; request++) expect(await instanceB.takePasswordReset(unique("reset"), client)).toBe(true);
    const refused = unique("reset");
    expect(await instanceA.takePasswordReset(refused, client)).toBe(false);
    // Refused by the address, the email's own allowance is given back.
    expect(await instanceA.takePasswordReset(refused, null)).toBe(true);
    expect(await instanceA.takePasswordReset(refused, null)).toBe(true);
  });
});

describe("clientAddress", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("ignores the forwarding headers unless TRUST_PROXY says a proxy sets them", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" }), false)).toBeNull();
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.7" }), 0)).toBeNull();
  });

  it("takes the first hop when every proxy is trusted, the n-th from the right for appending proxies, then X-Real-IP", () => {
    const chain = headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.7 ,10.0.0.2", "x-real-ip": "192.0.2.9" });
    expect(clientAddress(chain, true)).toBe("198.51.100.1");
    expect(clientAddress(chain, 1)).toBe("10.0.0.2");
    expect(clientAddress(chain, 2)).toBe("203.0.113.7");
    expect(clientAddress(chain, 9)).toBe("198.51.100.1");
    expect(clientAddress(headers({ "x-real-ip": "192.0.2.9" }), true)).toBe("192.0.2.9");
    expect(clientAddress(headers({}), true)).toBeNull();
  });

  it.each([
    ["203.0.113.7:51234", "203.0.113.7"],
    ["[2001:db8:abcd:12::1]:443", "2001:db8:abcd:12::/64"],
    ["2001:0DB8:ABCD:0012:ffff:1:2:3", "2001:db8:abcd:12::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::ffff:c000:201", "192.0.2.1"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ])("reads %s as %s", (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it.each(["unknown", "", "999.1.1.1", "1.2.3", "<script>", "1".repeat(5_000), "2001:db8::1::2", "' OR 1=1 --"])("refuses %s", (raw) => {
    expect(addressKey(raw)).toBeNull();
  });
});

describe("configuration", () => {
  it("defaults to 10 failures in 5 minutes → 30-minute lock, 50 per address → 15 minutes, 600 invitations an hour, 30 link failures in 10 minutes", () => {
    expect(parseConfig({})).toMatchObject({
      TRUST_PROXY: false,
      SIGN_IN_ACCOUNT_MAX_FAILURES: 10, SIGN_IN_ACCOUNT_WINDOW: 300, SIGN_IN_ACCOUNT_LOCK: 1800,
      SIGN_IN_IP_MAX_FAILURES: 50, SIGN_IN_IP_WINDOW: 300, SIGN_IN_IP_BLOCK: 900,
      INVITATIONS_PER_INVITER_PER_HOUR: 600,
      ACCEPT_IP_MAX_FAILURES: 30, ACCEPT_IP_WINDOW: 600,
    });
    expect(parseConfig({ SIGN_IN_ACCOUNT_MAX_FAILURES: "", SIGN_IN_ACCOUNT_LOCK: " " })).toMatchObject({ SIGN_IN_ACCOUNT_MAX_FAILURES: 10, SIGN_IN_ACCOUNT_LOCK: 1800 });
  });

  it("reads overrides", () => {
    expect(
      parseConfig({ TRUST_PROXY: "true", SIGN_IN_ACCOUNT_MAX_FAILURES: "0", SIGN_IN_IP_BLOCK: "PT1H", ACCEPT_IP_WINDOW: "PT30S", INVITATIONS_PER_INVITER_PER_HOUR: "500" }),
    ).toMatchObject({ TRUST_PROXY: true, SIGN_IN_ACCOUNT_MAX_FAILURES: 0, SIGN_IN_IP_BLOCK: 3600, ACCEPT_IP_WINDOW: 30, INVITATIONS_PER_INVITER_PER_HOUR: 500 });
    expect(parseConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
  });

  it("refuses malformed values, naming each", () => {
    expect(() => parseConfig({ TRUST_PROXY: "yes", SIGN_IN_IP_MAX_FAILURES: "-1", SIGN_IN_ACCOUNT_WINDOW: "5m", INVITATIONS_PER_INVITER_PER_HOUR: "1e3" })).toThrow(
      /TRUST_PROXY must be true, false or a number[\s\S]*SIGN_IN_ACCOUNT_WINDOW must be an ISO-8601 duration[\s\S]*SIGN_IN_IP_MAX_FAILURES must be a whole number[\s\S]*INVITATIONS_PER_INVITER_PER_HOUR must be a whole number/,
    );
  });
});
