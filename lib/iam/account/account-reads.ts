import "server-only";
import { config } from "@/lib/config";
import { describeAmr } from "@/lib/iam/mfa/amr";
import { db } from "@/lib/db/client";
import type { SessionActor } from "@/lib/iam/authz/actor";
import { describeUserAgent } from "@/lib/iam/account/user-agent";

// What a signed-in person reads of their own account on /account. Only their own rows: every query is keyed by the
// actor's id, so another person's session or linked account reads as absent (docs/rules.md § Accounts).

export interface OwnAccount {
  email: string;
  firstName: string;
  lastName: string;
  hasPassword: boolean;
  passwordChangedAt: Date | null;
  isSuperAdmin: boolean;
  /** The tenants they have access to, by name (a superadmin may also open every other). */
  tenants: { id: string; name: string }[];
  linkedAccounts: { id: string; provider: string; subject: string; linkedAt: Date }[];
}

export async function getOwnAccount(actor: SessionActor): Promise<OwnAccount> {
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.id },
    select: {
      email: true,
      firstName: true,
      lastName: true,
      passwordHash: true,
      passwordChangedAt: true,
      superAdmin: true,
      accesses: { select: { tenant: { select: { id: true, name: true } } }, orderBy: { tenant: { name: "asc" } } },
      accounts: { select: { id: true, provider: true, providerAccountId: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    hasPassword: user.passwordHash !== null,
    passwordChangedAt: user.passwordChangedAt,
    isSuperAdmin: user.superAdmin,
    tenants: user.accesses.map((access) => access.tenant),
    linkedAccounts: user.accounts.map((account) => ({ id: account.id, provider: account.provider, subject: account.providerAccountId, linkedAt: account.createdAt })),
  };
}

export interface OwnSession {
  id: string;
  browser: string;
  os: string;
  /** Known only under TRUST_PROXY (docs/rules.md § Sign-in and sessions 4). */
  address: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
  /** "Password + authenticator app" (lib/iam/mfa/amr.ts); "" for sessions from before it was recorded. */
  signedInWith: string;
}

/** The person's live sessions, the current one first, then by last activity; ended (expired, idle) rows are left out. */
export async function listOwnSessions(actor: SessionActor, now = new Date()): Promise<OwnSession[]> {
  const idleCutoff = new Date(now.getTime() - config().SESSION_IDLE_TIMEOUT * 1000);
  const sessions = await db().session.findMany({
    // A sign-in still waiting for its second step is no session yet: it is not listed.
    where: { userId: actor.id, expiresAt: { gt: now }, lastSeenAt: { gt: idleCutoff }, secondFactorDueBy: null },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true, amr: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    // A person has a handful; the cap keeps a scripted sign-in storm from building a page of thousands.
    take: 200,
  });
  return sessions
    .map((session) => ({
      id: session.id,
      ...describeUserAgent(session.userAgent),
      address: session.ipAddress,
      signedInAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      isCurrent: session.id === actor.sessionId,
      signedInWith: describeAmr(session.amr),
    }))
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent));
}
