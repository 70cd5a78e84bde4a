import "server-only";
import { displayName } from "@/lib/iam/users/display-name";
import { CredentialsSignin } from "next-auth";
import { db } from "@/lib/db/client";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/iam/passwords/password-hashing";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { LIMIT_MESSAGES, rateLimits, type RateLimits, type SignInLock } from "@/lib/security/rate-limits";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

/** Thrown through Auth.js (a CredentialsSignin keeps its `code`) while a sign-in lock is in effect. */
export class SignInLocked extends CredentialsSignin {
  constructor(readonly lock: SignInLock) {
    super();
    this.code = lock === "account" ? "account_locked" : "address_blocked";
  }
}

/** The sign-in form's message for a lock, or undefined for any other error. */
export function signInLockMessage(error: unknown): string | undefined {
  if (!(error instanceof CredentialsSignin)) return undefined;
  if (error.code === "account_locked") return LIMIT_MESSAGES.accountLocked;
  if (error.code === "address_blocked") return LIMIT_MESSAGES.addressBlocked;
  return undefined;
}

/**
 * null for every failure alike (unknown email, wrong password, disabled, SSO-only): no account enumeration.
 * Throws SignInLocked while the email (known or not) or the client address is locked, even for the right password.
 * The attempt is counted before the password is verified and given back if it was right, so parallel guesses are
 * limited like sequential ones: at most the threshold of them is ever verified.
 */
export async function authenticateWithPassword(
  email: string,
  password: string,
  { client = null, limits = rateLimits() }: { client?: string | null; limits?: RateLimits } = {},
): Promise<AuthenticatedUser | null> {
  // Counting the attempt also answers whether a lock is in effect: a locked key refuses it, uncounted elsewhere.
  const attempt = await limits.beginSignIn(email, client);
  if (attempt.lock) throw new SignInLocked(attempt.lock);
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  const verified = user?.passwordHash ? (await verifyPassword(user.passwordHash, password)) && !user.disabled : await verifyAgainstDecoy(password);
  if (!user || !verified) {
    // This failure may be the one that locks: it then already gets the lock's message.
    const locked = await limits.failSignIn(attempt);
    if (locked) throw new SignInLocked(locked);
    return null;
  }
  const lockedMeanwhile = await limits.succeedSignIn(attempt);
  if (lockedMeanwhile) throw new SignInLocked(lockedMeanwhile);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: displayName(user) };
}


