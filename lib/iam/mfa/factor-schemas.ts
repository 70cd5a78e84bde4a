import { z } from "zod";

// The shapes of every two-factor input, shared by the forms, the server actions and the domain.

export const FACTOR_NAME_MAX = 64;

export const factorNameSchema = z
  .string({ error: "Give it a name." })
  .trim()
  .min(1, { error: "Give it a name." })
  .max(FACTOR_NAME_MAX, { error: `Use at most ${FACTOR_NAME_MAX} characters.` })
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: "Use letters, digits and punctuation only." });

/** Six digits; spaces the person typed (or an app copied) are ignored. */
export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code." })
  .transform((code) => code.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { error: "Enter the 6-digit code from your app." }));

export const recoveryCodeSchema = z
  .string({ error: "Enter a recovery code." })
  .trim()
  .min(1, { error: "Enter a recovery code." })
  .max(40, { error: "That is not a recovery code." });

export const uuidSchema = z.uuid({ error: "Not a valid id." });

export const confirmTotpSchema = z.strictObject({ factorId: uuidSchema, code: totpCodeSchema, name: factorNameSchema });

/** Whether a value is plain JSON of at most 64 KB: a server action can also receive what JSON cannot hold (a BigInt). */
function fitsAsJson(value: unknown): boolean {
  try {
    return JSON.stringify(value).length <= 64 * 1024;
  } catch {
    return false;
  }
}

/** A WebAuthn response as @simplewebauthn/browser produces it: checked in depth by the verifier, bounded here. */
const webauthnJson = z
  .looseObject({ id: z.string().min(1).max(1024), rawId: z.string().min(1).max(1024), type: z.literal("public-key") })
  .refine(fitsAsJson, { error: "That passkey response is too large or not JSON." });

export const registerPasskeySchema = z.strictObject({ name: factorNameSchema, response: webauthnJson });

/** A proof of identity: the second step of a sign-in takes a factor; step-up also takes the password. */
export const proofSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("totp"), code: totpCodeSchema }),
  z.strictObject({ method: z.literal("recovery_code"), code: recoveryCodeSchema }),
  z.strictObject({ method: z.literal("passkey"), response: webauthnJson }),
  z.strictObject({ method: z.literal("password"), password: z.string().min(1, { error: "Enter your password." }).max(1024) }),
]);

export type Proof = z.output<typeof proofSchema>;

export const tenantMfaPolicySchema = z.strictObject({
  requireMfa: z.boolean(),
  requireMfaForSso: z.boolean(),
  graceDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter a whole number of days." })
    .min(0, { error: "Use 0 to 90 days." })
    .max(90, { error: "Use 0 to 90 days." }),
});
