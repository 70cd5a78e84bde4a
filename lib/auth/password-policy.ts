import { z } from "zod";

// The policy shown to invitees as they type (DESIGN.md / issue: ≥ 12 characters, not containing the email, not a
// common password). The common-password list is only loaded on the server (lib/auth/common-passwords.ts).
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

/** The account form's schema; the email comes from the invitation, never from the form. */
export const createAccountSchema = z
  .object({
    firstName: z.string().trim().min(1, "Enter your first name").max(100, "At most 100 characters"),
    lastName: z.string().trim().min(1, "Enter your last name").max(100, "At most 100 characters"),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: "The passwords don't match" })
  // Control, invisible (zero-width, bidi override), lone-surrogate and unassigned characters make look-alike names.
  .refine((input) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(`${input.firstName}${input.lastName}`), {
    path: ["firstName"],
    message: "Names cannot contain control or invisible characters",
  });

export type CreateAccountInput = z.infer<typeof createAccountSchema>;
