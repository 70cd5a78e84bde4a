import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/iam/passwords/password-policy";

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
