import "server-only";
import { Invalid } from "@/lib/iam/errors";
import { isCommonPassword } from "@/lib/iam/passwords/common-passwords";
import { checkPassword, POLICY_MESSAGES } from "@/lib/iam/passwords/password-policy";

/**
 * The server's one password-policy check (docs/rules.md § Acceptance 3), whatever the caller: the accept page, and later
 * a password change or reset. Throws Invalid with one message per unmet rule under the password field.
 */
export function enforcePasswordPolicy(password: string, email: string): void {
  const unmet = checkPassword(password, email, isCommonPassword(password)).filter((check) => !check.isMet);
  if (unmet.length) throw new Invalid("Choose a password that meets every requirement.", { password: unmet.map((check) => POLICY_MESSAGES[check.id]) });
}
