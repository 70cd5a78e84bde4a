import "server-only";
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";
import type { FirstFactor } from "@/lib/iam/mfa/amr";
import { secondStepNeeded } from "@/lib/iam/mfa/second-step";

// Server-side session records. Auth.js keeps the session in an encrypted JWT cookie, which on its own stays valid
// until it expires, whatever happens on the server. Each sign-in therefore gets a row here whose id rides inside
// the JWT (`sid`); a request is signed in only while that row exists and is neither past SESSION_MAX_AGE nor idle
// for longer than SESSION_IDLE_TIMEOUT. Deleting the row (sign-out, user disabled, deleted or password changed)
// ends the session on every instance at its next request.

export interface SessionPolicy {
  maxAgeSeconds: number;
  idleTimeoutSeconds: number;
}

export function sessionPolicy(): SessionPolicy {
  return { maxAgeSeconds: config().SESSION_MAX_AGE, idleTimeoutSeconds: config().SESSION_IDLE_TIMEOUT };
}

/** How stale last_seen_at may get before a request writes it again: one write a minute per session, not per request. */
const TOUCH_INTERVAL_MS = 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  superAdmin: boolean;
  mustChangePassword: boolean;
  /** How the session was authenticated (lib/iam/mfa/amr.ts) and when last. */
  amr: string[];
  authenticatedAt: Date;
  /** Set while the sign-in waits for its second step (/login/verify): such a session signs nobody in. */
  secondFactorDueBy: Date | null;
}

/** How long the second step of a sign-in may take before the half-signed-in session ends. */
export const SECOND_STEP_TTL_MS = 5 * 60_000;

/**
 * Records a sign-in and answers the id to put in the JWT. Also drops the user's own ended sessions. A sign-in that
 * needs a second factor (secondStepNeeded) is recorded as waiting for it: it signs nobody in until /login/verify.
 */
export async function startSession(
  userId: string,
  client: { userAgent?: string | null; address?: string | null },
  { now = new Date(), policy = sessionPolicy(), method = "password" }: { now?: Date; policy?: SessionPolicy; method?: FirstFactor } = {},
): Promise<string> {
  const waits = await secondStepNeeded(db(), userId, method);
  const idleCutoff = new Date(now.getTime() - policy.idleTimeoutSeconds * 1000);
  const [, session] = await db().$transaction([
    db().session.deleteMany({ where: { userId, OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleCutoff } }] } }),
    db().session.create({
      data: {
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + policy.maxAgeSeconds * 1000),
        userAgent: (client.userAgent ?? "").slice(0, 512),
        ipAddress: client.address ?? null,
        amr: [method],
        authenticatedAt: now,
        secondFactorDueBy: waits ? new Date(now.getTime() + SECOND_STEP_TTL_MS) : null,
      },
      select: { id: true },
    }),
  ]);
  return session.id;
}

/**
 * The user of a live session, read with the session in one query, or null: no such row (ended), another user's
 * row, expired, idle too long, or the user disabled. An ended row found here is deleted, as is a sign-in whose
 * second step is past its time. A session still waiting for its second step is answered (secondFactorDueBy set):
 * callers other than the second step itself must treat it as signed out (lib/auth/current-actor.ts does).
 */
export async function resolveSession(
  sessionId: unknown,
  userId: unknown,
  { now = new Date(), policy = sessionPolicy() }: { now?: Date; policy?: SessionPolicy } = {},
): Promise<SessionUser | null> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId) || typeof userId !== "string") return null;
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      lastSeenAt: true,
      expiresAt: true,
      amr: true,
      authenticatedAt: true,
      secondFactorDueBy: true,
      user: { select: { id: true, email: true, firstName: true, lastName: true, superAdmin: true, mustChangePassword: true, disabled: true } },
    },
  });
  if (!session || session.userId !== userId) return null;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const secondStepLapsed = session.secondFactorDueBy !== null && session.secondFactorDueBy <= now;
  if (session.expiresAt <= now || idleFor >= policy.idleTimeoutSeconds * 1000 || secondStepLapsed) {
    await endSession(sessionId);
    return null;
  }
  if (session.user.disabled) return null;
  if (idleFor >= TOUCH_INTERVAL_MS) {
    // Conditional on the value read, so concurrent requests of one session write it once.
    await db().session.updateMany({ where: { id: sessionId, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: now } });
  }
  const { id, email, firstName, lastName, superAdmin, mustChangePassword } = session.user;
  const { amr, authenticatedAt, secondFactorDueBy } = session;
  return { id, email, firstName, lastName, superAdmin, mustChangePassword, amr, authenticatedAt, secondFactorDueBy };
}

export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId)) return;
  await db().session.deleteMany({ where: { id: sessionId } });
}
