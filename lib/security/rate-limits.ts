import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { headers } from "next/headers";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { audit } from "@/lib/iam/audit/write-audit";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { plural } from "@/lib/format";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { DomainError } from "@/lib/iam/errors";

// Abuse limits, counted in PostgreSQL (table rate_limits) by rate-limiter-flexible's RateLimiterPostgres, so every
// app instance on the database shares them. Each limit that trips (the request that crosses it) is audited once.

export const LIMIT_MESSAGES = {
  accountLocked: "This account is temporarily locked after too many failed sign-ins. Try again later.",
  addressBlocked: "Too many failed sign-ins from your network. Try again later.",
  invitations: "You have sent too many invitations in the last hour. Try again later.",
  accept: "Too many attempts to use invitation links from your network. Try again later.",
} as const;

export type LimitName =
  | "sign-in-account"
  | "sign-in-ip"
  | "accept-ip"
  | "invitations"
  | "password-reset-email"
  | "password-reset-ip"
  | "renewal-request-ip";

/** maxFailures failures within windowSeconds → the key is refused for lockSeconds. maxFailures 0 = off. */
export interface FailureRule {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** At most max per windowSeconds; a request that does not fit is refused whole and counts nothing. max 0 = off. */
export interface QuotaRule {
  max: number;
  windowSeconds: number;
}

export interface LimitRules {
  signInAccount: FailureRule;
  signInIp: FailureRule;
  acceptIp: FailureRule;
  invitations: QuotaRule;
  passwordResetEmail: QuotaRule;
  passwordResetIp: QuotaRule;
  /** "Ask for a new link" on expired invitations, per client address (default RENEWAL_REQUESTS_PER_IP). */
  renewalRequestIp?: QuotaRule;
}

/**
 * At most 10 renewal requests per client address per hour: an invitee asks once; more is someone walking through
 * leaked links to email their inviters. Each invitation asks at most once a day on its own (RENEWAL_REQUEST_INTERVAL_MS).
 */
export const RENEWAL_REQUESTS_PER_IP: QuotaRule = { max: 10, windowSeconds: 3600 };

export function rulesFromConfig(): LimitRules {
  const c = config();
  return {
    signInAccount: { maxFailures: c.SIGN_IN_ACCOUNT_MAX_FAILURES, windowSeconds: c.SIGN_IN_ACCOUNT_WINDOW, lockSeconds: c.SIGN_IN_ACCOUNT_LOCK },
    signInIp: { maxFailures: c.SIGN_IN_IP_MAX_FAILURES, windowSeconds: c.SIGN_IN_IP_WINDOW, lockSeconds: c.SIGN_IN_IP_BLOCK },
    // Blocked for one window after the last allowed failure.
    acceptIp: { maxFailures: c.ACCEPT_IP_MAX_FAILURES, windowSeconds: c.ACCEPT_IP_WINDOW, lockSeconds: c.ACCEPT_IP_WINDOW },
    invitations: { max: c.INVITATIONS_PER_INVITER_PER_HOUR, windowSeconds: 3600 },
    passwordResetEmail: { max: c.PASSWORD_RESETS_PER_EMAIL_PER_HOUR, windowSeconds: 3600 },
    passwordResetIp: { max: c.PASSWORD_RESETS_PER_IP_PER_HOUR, windowSeconds: 3600 },
    renewalRequestIp: RENEWAL_REQUESTS_PER_IP,
  };
}

/** Why a sign-in is refused before its password is even checked. */
export type SignInLock = "account" | "address";

/** What a person is told for a sign-in lock: the account's, or their network's. */
export function lockMessage(lock: SignInLock): string {
  return lock === "account" ? LIMIT_MESSAGES.accountLocked : LIMIT_MESSAGES.addressBlocked;
}

/** A sign-in attempt counted before its password is verified (beginSignIn), settled by failSignIn or succeedSignIn. */
export type SignInAttempt = { lock: SignInLock } | { lock: null; accountKey: string; address: string | null };

export interface RateLimits {
  /** The lock in effect for this email (known or not) or client address, if any. */
  signInLock(email: string, client: string | null): Promise<SignInLock | null>;
  /**
   * Counts an attempt before its password is verified, so that a burst of parallel guesses can never have more than
   * the threshold verified: an attempt that does not fit is refused unverified (and locks).
   */
  beginSignIn(email: string, client: string | null): Promise<SignInAttempt>;
  /** The attempt failed: it stays counted; answers the lock it started or found (this failure may be the one). */
  failSignIn(attempt: SignInAttempt): Promise<SignInLock | null>;
  /**
   * The password was right: the attempt is given back (earlier failures stay counted until their window ends, so a
   * success inside a burst erases nothing). Answers the lock if one started meanwhile, in which case nobody signs in.
   */
  succeedSignIn(attempt: SignInAttempt): Promise<SignInLock | null>;
  acceptBlocked(client: string | null): Promise<boolean>;
  /**
   * Counts a "Forgot password?" request for an email (known or not) and a client address; false when either is over
   * its hourly allowance, in which case nothing is counted and no email goes out (the answer on screen is the same).
   */
  takePasswordReset(email: string, client: string | null): Promise<boolean>;
  /**
   * Counts an "Ask for a new link" request from a client address; false when the address is over its hourly allowance
   * (nothing counted, nothing recorded; the answer on screen is the same). Always true when the address is unknown.
   */
  takeRenewalRequest(client: string | null): Promise<boolean>;
  /** Counts a failed use of an invitation link (malformed, unknown, expired, revoked or used token). */
  recordAcceptFailure(client: string | null): Promise<void>;
  /** Takes `count` invitations from the inviter's hourly allowance: false (nothing taken) when they do not fit. */
  takeInvitations(inviter: { id: string; email: string }, tenantId: string, count: number): Promise<boolean>;
  /** Gives back invitations taken for a request that then failed (nothing was created). */
  refundInvitations(inviter: { id: string }, count: number): Promise<void>;
}

/** What RateLimiterPostgres calls: `query({ name, text, values })`, here always run as an unnamed statement. */
interface LimiterStore {
  query(query: { name?: string; text: string; values?: unknown[] }): Promise<pg.QueryResult>;
}

/**
 * RateLimiterPostgres names its prepared statements. The embedded database (PGlite's socket server) serves every
 * connection from one session, so a second connection, or a reconnect, preparing the same name fails with 42P05
 * "prepared statement already exists"; PgBouncer in transaction mode has the same problem. Unnamed statements work
 * everywhere and cost one parse per query.
 */
export function unnamedStatements(pool: pg.Pool): LimiterStore {
  return { query: ({ text, values }) => pool.query(text, values) };
}

const TABLE = "rate_limits";

function limiter(store: LimiterStore, keyPrefix: LimitName, options: { points: number; duration: number; blockDuration?: number }, clearExpired: boolean) {
  return new RateLimiterPostgres({
    storeClient: store,
    storeType: "pool",
    tableName: TABLE,
    // Created by the migration 20261127050000_rate_limits (model RateLimit), not at run time.
    tableCreated: true,
    // Every five minutes, deletes the rows (of any limit) that expired an hour ago.
    clearExpiredByTimeout: clearExpired,
    keyPrefix,
    ...options,
  });
}

/** Keys are stored as `<limit>:<key>` in a varchar(255): long ones (emails up to 254) are stored as a hash. */
function storeKey(key: string): string {
  return key.length <= 200 ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

/** Fails of a RateLimiterPostgres `consume` are RateLimiterRes (over the limit) or real errors (the database). */
function overLimit(error: unknown): RateLimiterRes {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}

/**
 * Takes `count` points off a live key, never below zero, and (with `atMost`) only while it holds no more than that.
 * The library's reward() is an upsert: on a key whose window has just ended it would store negative points (an
 * allowance beyond the limit), and it cannot be told to leave a blocked key alone. So this is the one statement
 * written here against the library's table, whose layout the migration owns (key, points, expire in ms).
 */
async function giveBack(store: LimiterStore, storedKey: string, count: number, atMost?: number): Promise<void> {
  await store.query({
    text: `UPDATE ${TABLE} SET points = GREATEST(points - $2, 0) WHERE key = $1 AND ($3::int IS NULL OR points <= $3) AND (expire IS NULL OR expire > $4)`,
    values: [storedKey, count, atMost ?? null, Date.now()],
  });
}

/**
 * A failure limit over one counter per key that holds the failures of the window plus the attempts still being
 * verified (reserve before, refund a success after), so parallel attempts are admitted like sequential ones.
 */
class FailureLimit {
  private readonly limiter: RateLimiterPostgres | null;

  constructor(
    private readonly store: LimiterStore,
    readonly name: LimitName,
    readonly rule: FailureRule,
    clearExpired: boolean,
  ) {
    // Library semantics: `points` consumes fit in a window; the consume that takes the counter past them is rejected
    // and blocks the key for blockDuration (the counter is then kept at points + 1 or more until the block ends).
    // Every consume is one atomic increment, so exactly one caller sees the crossing: that one audits the lock.
    this.limiter =
      rule.maxFailures > 0
        ? limiter(store, name, { points: rule.maxFailures, duration: rule.windowSeconds, blockDuration: rule.lockSeconds }, clearExpired)
        : null;
  }

  async isLocked(key: string): Promise<boolean> {
    const state = await this.limiter?.get(storeKey(key));
    return !!state && state.consumedPoints > this.rule.maxFailures;
  }

  /** Counts an attempt whose outcome is not known yet. admitted false: the key is locked (tripped: by this call). */
  async reserve(key: string): Promise<{ admitted: boolean; tripped: boolean }> {
    if (!this.limiter) return { admitted: true, tripped: false };
    try {
      await this.limiter.consume(storeKey(key));
      return { admitted: true, tripped: false };
    } catch (error) {
      return { admitted: false, tripped: overLimit(error).consumedPoints === this.rule.maxFailures + 1 };
    }
  }

  /** A reserved attempt failed and stays counted. When it fills the window (the maxFailures-th) it locks the key now. */
  async settleFailure(key: string): Promise<{ locked: boolean; tripped: boolean }> {
    if (!this.limiter) return { locked: false, tripped: false };
    const filled = (await this.limiter.get(storeKey(key)))?.consumedPoints ?? 0;
    if (filled < this.rule.maxFailures) return { locked: false, tripped: false };
    if (filled > this.rule.maxFailures) return { locked: true, tripped: false };
    // One more point crosses the line, and the library blocks the key exactly as for an attempt past it.
    const { admitted, tripped } = await this.reserve(key);
    if (!admitted) return { locked: true, tripped };
    // A success of the same burst was given back meanwhile: the window is not full after all.
    await this.refund(key);
    return { locked: false, tripped: false };
  }

  /** Gives a reserved attempt back, unless the key is locked (giving a point back could then unlock it). */
  async refund(key: string): Promise<void> {
    if (this.limiter) await giveBack(this.store, this.limiter.getKey(storeKey(key)), 1, this.rule.maxFailures);
  }

  /** A failure counted after the fact (invitation links): reserve and settle in one. */
  async record(key: string): Promise<{ locked: boolean; tripped: boolean }> {
    const { admitted, tripped } = await this.reserve(key);
    if (!admitted) return { locked: true, tripped };
    return this.settleFailure(key);
  }
}

class QuotaLimit {
  private readonly limiter: RateLimiterPostgres | null;

  constructor(
    private readonly store: LimiterStore,
    readonly name: LimitName,
    readonly rule: QuotaRule,
    clearExpired: boolean,
  ) {
    this.limiter = rule.max > 0 ? limiter(store, name, { points: rule.max, duration: rule.windowSeconds }, clearExpired) : null;
  }

  /** Atomic: the increment either fits, or is given back and the request refused. */
  async take(key: string, count: number): Promise<boolean> {
    if (!this.limiter || count <= 0) return true;
    if (count > this.rule.max) return false;
    try {
      await this.limiter.consume(storeKey(key), count);
      return true;
    } catch (error) {
      overLimit(error);
      await this.limiter.reward(storeKey(key), count);
      return false;
    }
  }

  async refund(key: string, count: number): Promise<void> {
    if (this.limiter && count > 0) await giveBack(this.store, this.limiter.getKey(storeKey(key)), count);
  }
}

const describeSeconds = (seconds: number) =>
  seconds % 3600 === 0 ? plural(seconds / 3600, "hour") : seconds % 60 === 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");

async function auditTrip(entry: {
  limit: LimitName;
  key: string;
  tenantId: string | null;
  actor: { id: string; email: string } | null;
  details: string;
  rule: FailureRule | QuotaRule;
  extra?: Record<string, number>;
}): Promise<void> {
  await db().$transaction((tx) =>
    audit(tx, {
      tenantId: entry.tenantId,
      actor: entry.actor,
      resourceType: "SECURITY",
      resourceId: entry.key,
      action: "RATE_LIMIT",
      details: entry.details,
      after: { limit: entry.limit, key: entry.key, ...entry.rule, ...entry.extra },
      namespaces: TENANT_WIDE,
    }),
  );
}

/**
 * Limits over one pool. Several RateLimits objects (one per app instance, or two in a test) on the same database
 * share every counter. `clearExpired`: whether this one also runs the library's periodic clean-up (default true).
 */
export function createRateLimits(pool: pg.Pool, rules: LimitRules, options: { clearExpired?: boolean } = {}): RateLimits {
  const store = unnamedStatements(pool);
  const clearExpired = options.clearExpired ?? true;
  const account = new FailureLimit(store, "sign-in-account", rules.signInAccount, clearExpired);
  const address = new FailureLimit(store, "sign-in-ip", rules.signInIp, clearExpired);
  const accept = new FailureLimit(store, "accept-ip", rules.acceptIp, clearExpired);
  const invitations = new QuotaLimit(store, "invitations", rules.invitations, clearExpired);
  const resetEmail = new QuotaLimit(store, "password-reset-email", rules.passwordResetEmail, clearExpired);
  const resetIp = new QuotaLimit(store, "password-reset-ip", rules.passwordResetIp, clearExpired);
  const renewalIp = new QuotaLimit(store, "renewal-request-ip", rules.renewalRequestIp ?? RENEWAL_REQUESTS_PER_IP, clearExpired);

  const lockDetails = (what: string, limit: FailureLimit, verb: string) =>
    `${what} ${verb} for ${describeSeconds(limit.rule.lockSeconds)} after ${plural(limit.rule.maxFailures, "failure")} within ${describeSeconds(limit.rule.windowSeconds)}`;
  const auditAccountLock = (key: string) =>
    auditTrip({
      limit: account.name, key, tenantId: null, actor: null, rule: account.rule,
      details: lockDetails(`Sign-in for ${key}`, account, "locked"),
    });
  const auditAddressBlock = (client: string) =>
    auditTrip({
      limit: address.name, key: client, tenantId: null, actor: null, rule: address.rule,
      details: lockDetails(`Sign-in from ${client}`, address, "blocked"),
    });

  return {
    async signInLock(email, client) {
      if (client && (await address.isLocked(client))) return "address";
      if (await account.isLocked(normalizeEmail(email))) return "account";
      return null;
    },

    async beginSignIn(email, client) {
      // Unknown emails are counted exactly like known ones, so the lock never tells whether an account exists.
      const accountKey = normalizeEmail(email);
      const [byAccount, byAddress] = await Promise.all([account.reserve(accountKey), client ? address.reserve(client) : undefined]);
      if (byAccount.tripped) await auditAccountLock(accountKey);
      if (client && byAddress?.tripped) await auditAddressBlock(client);
      if (!byAccount.admitted || (byAddress && !byAddress.admitted)) {
        // Refused unverified: what was counted on the side that still had room was no attempt.
        if (byAccount.admitted) await account.refund(accountKey);
        if (client && byAddress?.admitted) await address.refund(client);
        return { lock: byAddress && !byAddress.admitted ? "address" : "account" };
      }
      return { lock: null, accountKey, address: client };
    },

    async failSignIn(attempt) {
      if (attempt.lock) return attempt.lock;
      const [byAccount, byAddress] = await Promise.all([
        account.settleFailure(attempt.accountKey),
        attempt.address ? address.settleFailure(attempt.address) : undefined,
      ]);
      if (byAccount.tripped) await auditAccountLock(attempt.accountKey);
      if (attempt.address && byAddress?.tripped) await auditAddressBlock(attempt.address);
      if (byAccount.locked) return "account";
      if (byAddress?.locked) return "address";
      return null;
    },

    async succeedSignIn(attempt) {
      if (attempt.lock) return attempt.lock;
      await Promise.all([account.refund(attempt.accountKey), attempt.address ? address.refund(attempt.address) : undefined]);
      // Locked while this password was being verified (by failures of the same burst): no sign-in once locked.
      if (await account.isLocked(attempt.accountKey)) return "account";
      return null;
    },

    async acceptBlocked(client) {
      return !!client && (await accept.isLocked(client));
    },

    async recordAcceptFailure(client) {
      if (!client) return;
      const { tripped } = await accept.record(client);
      if (tripped) {
        await auditTrip({
          limit: accept.name, key: client, tenantId: null, actor: null, rule: accept.rule,
          details: lockDetails(`Invitation links from ${client}`, accept, "blocked"),
        });
      }
    },

    async takeInvitations(inviter, tenantId, count) {
      if (await invitations.take(inviter.id, count)) return true;
      await auditTrip({
        limit: invitations.name, key: inviter.id, tenantId, actor: inviter, rule: invitations.rule, extra: { requested: count },
        details: `${inviter.email} was refused ${plural(count, "invitation")}: at most ${invitations.rule.max} per ${describeSeconds(invitations.rule.windowSeconds)}`,
      });
      return false;
    },

    async refundInvitations(inviter, count) {
      await invitations.refund(inviter.id, count);
    },

    async takePasswordReset(email, client) {
      const key = normalizeEmail(email);
      if (!(await resetEmail.take(key, 1))) {
        await auditTrip({
          limit: resetEmail.name, key, tenantId: null, actor: null, rule: resetEmail.rule,
          details: `Password reset for ${key} refused: at most ${resetEmail.rule.max} per ${describeSeconds(resetEmail.rule.windowSeconds)}`,
        });
        return false;
      }
      if (client && !(await resetIp.take(client, 1))) {
        await resetEmail.refund(key, 1);
        await auditTrip({
          limit: resetIp.name, key: client, tenantId: null, actor: null, rule: resetIp.rule,
          details: `Password resets from ${client} refused: at most ${resetIp.rule.max} per ${describeSeconds(resetIp.rule.windowSeconds)}`,
        });
        return false;
      }
      return true;
    },

    async takeRenewalRequest(client) {
      if (!client || (await renewalIp.take(client, 1))) return true;
      await auditTrip({
        limit: renewalIp.name, key: client, tenantId: null, actor: null, rule: renewalIp.rule,
        details: `Invitation renewal requests from ${client} refused: at most ${renewalIp.rule.max} per ${describeSeconds(renewalIp.rule.windowSeconds)}`,
      });
      return false;
    },
  };
}

/** A DomainError, so server actions show its message. */
export class TooManyInvitations extends DomainError {
  constructor() {
    super(LIMIT_MESSAGES.invitations);
  }
}

/** Takes `count` invitations (one per invited email) from the actor's hourly allowance, or throws TooManyInvitations. */
export async function takeInvitationAllowance(actor: { id: string; email: string; tenantId: string }, count: number, limits = rateLimits()): Promise<void> {
  if (!(await limits.takeInvitations({ id: actor.id, email: actor.email }, actor.tenantId, count))) throw new TooManyInvitations();
}

/**
 * Runs an invite under the actor's hourly allowance: `count` is taken first (a request that does not fit is refused
 * whole), and what the request did not use is given back: all of it when it fails (nothing was created, so a
 * refused or rolled-back bulk invite of 500 costs nothing), and the addresses that got no invitation email when it
 * succeeds (`used` counts those that did).
 */
export async function spendInvitationAllowance<T>(
  actor: { id: string; email: string; tenantId: string },
  count: number,
  perform: () => Promise<T>,
  used: (result: T) => number,
  limits = rateLimits(),
): Promise<T> {
  await takeInvitationAllowance(actor, count, limits);
  let result: T;
  try {
    result = await perform();
  } catch (error) {
    await limits.refundInvitations(actor, count);
    throw error;
  }
  const unused = count - Math.min(count, Math.max(0, used(result)));
  if (unused > 0) await limits.refundInvitations(actor, unused);
  return result;
}

// One pool and one set of limiters per process (Next's dev server re-evaluates modules, so they live on globalThis).
const globalForLimits = globalThis as unknown as { rateLimits?: RateLimits };

export function rateLimits(): RateLimits {
  globalForLimits.rateLimits ??= createRateLimits(createPool(), rulesFromConfig());
  return globalForLimits.rateLimits;
}

function createPool(): pg.Pool {
  const connectionString = config().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  }
  // Small: a handful of single-row statements per sign-in, beside Prisma's own pool.
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("[rate-limits] idle database connection failed", error.message));
  return pool;
}

/**
 * The client's address, for the per-address limits, or null when it is unknown: Next.js does not expose the socket,
 * and X-Forwarded-For / X-Real-IP are whatever the client sends unless a proxy in front sets them. So the headers are
 * read only when TRUST_PROXY says so (as Express's `trust proxy`): `true` trusts the whole chain and takes the first
 * X-Forwarded-For entry (the edge proxy must overwrite the header); a number n takes the n-th entry from the right
 * (proxies that append, e.g. 1 behind one nginx `$proxy_add_x_forwarded_for` or a cloud load balancer). Without
 * TRUST_PROXY the per-address limits are off: keying them on one shared constant would let anyone block everybody.
 * IPv6 addresses count per /64, the block one subscriber usually holds.
 */
export function clientAddress(request: Headers, trustProxy: boolean | number = config().TRUST_PROXY): string | null {
  if (trustProxy === false || trustProxy === 0) return null;
  const chain = (request.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const forwarded = trustProxy === true ? chain[0] : chain[Math.max(chain.length - trustProxy, 0)];
  const candidate = forwarded ?? request.get("x-real-ip")?.trim();
  return candidate ? addressKey(candidate) : null;
}

/** clientAddress of the request being served (server actions); without TRUST_PROXY, null without reading it. */
export async function requestClientAddress(): Promise<string | null> {
  return config().TRUST_PROXY ? clientAddress(await headers()) : null;
}

/** A canonical key for an address as proxies write it (with a port, in brackets), or null if it is not one. */
export function addressKey(raw: string): string | null {
  if (raw.length > 100) return null;
  let address = raw;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "").toLowerCase();
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const groups = ipv6Groups(address);
  // IPv4-mapped (::ffff:1.2.3.4, also written ::ffff:102:304) is the IPv4 client it maps.
  if (groups.slice(0, 5).every((group) => group === "0") && groups[5] === "ffff") {
    if (groups.length === 7) return groups[6];
    const [high, low] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight groups of a valid IPv6 address, lower-case without leading zeros (an embedded IPv4 stays one item). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split("::") as [string, string | undefined];
  const split = (part: string | undefined) => (part ? part.split(":") : []);
  // An embedded IPv4 (last 32 bits) counts as two groups.
  const size = (groups: string[]) => groups.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const before = split(head);
  const after = split(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - size(before) - size(after)).fill("0");
  return [...before, ...zeros, ...after].map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}
