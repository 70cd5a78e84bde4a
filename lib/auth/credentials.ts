import "server-only";
import { db } from "@/lib/db/client";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/auth/passwords";
import { normalizeEmail } from "@/lib/iam/emails";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

/** null for every failure alike (unknown email, wrong password, disabled, SSO-only): no account enumeration. */
export async function authenticateWithPassword(email: string, password: string): Promise<AuthenticatedUser | null> {
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user?.passwordHash) return verifyAgainstDecoy(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password)) || user.disabled) return null;
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: displayName(user) };
}

export function displayName(user: { firstName: string; lastName: string; email: string }): string {
  return `${user.firstName} ${user.lastName}`.trim() || user.email;
}
