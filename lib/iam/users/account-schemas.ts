import { z } from "zod";
import { accessSchema, inviteEmailSchema } from "@/lib/iam/invitations/invitation-schemas";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/iam/passwords/password-policy";

// The schemas of a person's own account: the account created at acceptance, the profile, a new password. Shared by
// the forms, the server actions and the domain (docs/rules.md § Acceptance 3, § Accounts).

// Control, invisible (zero-width, bidi override), lone-surrogate and unassigned characters make look-alike names.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;

const personName = (missing: string) =>
  z.string().trim().min(1, missing).max(100, "At most 100 characters").refine((name) => !INVISIBLE.test(name), {
    message: "Names cannot contain control or invisible characters",
  });

/** First and last name, by the same rules wherever a person names themselves or an admin names them. */
export const profileSchema = z.object({
  firstName: personName("Enter a first name"),
  lastName: personName("Enter a last name"),
});

export type ProfileInput = z.infer<typeof profileSchema>;

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

const passwordsMatch = (input: { password: string; confirmPassword: string }) => input.password === input.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "The passwords don't match" };

/** The account form's schema; the email comes from the invitation, never from the form. */
export const createAccountSchema = z
  .object({
    firstName: personName("Enter your first name"),
    lastName: personName("Enter your last name"),
    password: newPassword,
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .refine(passwordsMatch, mismatch);

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

/** Changing one's own password: the current one proves it is the person, not someone at an unlocked laptop. */
export const changePasswordSchema = z
  .object({
    // Only its length is checked here: any string may be the current password, and a wrong one is the domain's answer.
    currentPassword: z.string().min(1, "Enter your current password").max(1024, "That is not your current password"),
    password: newPassword,
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .refine(passwordsMatch, mismatch);

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** A new password where no current one is asked: a first password an admin made a person change, or a reset. */
export const newPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string().max(PASSWORD_MAX_LENGTH) })
  .refine(passwordsMatch, mismatch);

export type NewPasswordInput = z.infer<typeof newPasswordSchema>;

/** The id of one of the person's own sessions or linked sign-ins, as the account page sends it back. */
export const ownRecordIdSchema = z.uuid({ message: "That is not one of your sessions or sign-in methods." });

/** "Forgot password?": the address to send a reset link to. */
export const forgotPasswordSchema = z.object({ email: z.email({ message: "Enter your email address" }).max(254, "Enter your email address") });

/**
 * "Create user directly" (no invitation): the person's email and name, the access as in the Invite dialog, and how
 * they sign in: single sign-on only (no password), or a one-time password they must replace at first sign-in.
 */
export const createUserSchema = profileSchema.extend({
  email: inviteEmailSchema,
  access: accessSchema,
  superAdmin: z.boolean().default(false),
  signIn: z.enum(["SSO", "ONE_TIME_PASSWORD"], { message: "Choose how they sign in" }),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
