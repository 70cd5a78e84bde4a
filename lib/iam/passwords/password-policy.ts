// The password policy (docs/rules.md § Acceptance 3): ≥ 12 characters, not containing the email, not a common password.
// This file is shared by the browser's live checklist and the server; the common-password list is only loaded on the
// server (common-passwords.ts), and enforce-password-policy.ts is the server's one check.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export interface PolicyCheck {
  id: "length" | "email" | "common";
  label: string;
  isMet: boolean;
}

/** Parts of the email a password must not contain: the whole address and its local part (if 3+ characters). */
function emailParts(email: string): string[] {
  const normalized = email.trim().toLowerCase();
  const local = normalized.split("@")[0] ?? "";
  return [normalized, local].filter((part) => part.length >= 3);
}

export function checkPassword(password: string, email: string, isCommon: boolean): PolicyCheck[] {
  const lowered = password.toLowerCase();
  return [
    { id: "length", label: `At least ${PASSWORD_MIN_LENGTH} characters`, isMet: password.length >= PASSWORD_MIN_LENGTH },
    { id: "email", label: "Does not contain your email", isMet: password.length > 0 && !emailParts(email).some((part) => lowered.includes(part)) },
    { id: "common", label: "Not a commonly used password", isMet: password.length > 0 && !isCommon },
  ];
}

/** What the server answers for each unmet rule: phrased as advice, under the password field. */
export const POLICY_MESSAGES: Record<PolicyCheck["id"], string> = {
  length: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  email: "Don't include your email address.",
  common: "This password is too common. Choose one that is harder to guess.",
};
