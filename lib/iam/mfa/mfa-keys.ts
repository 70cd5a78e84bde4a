import { config } from "@/lib/config";
import type { SecretKeys } from "@/lib/iam/mfa/secret-box";

/** The keys second-factor secrets are sealed under: AUTH_SECRET, and while rotating, AUTH_SECRET_PREVIOUS. */
export function secretKeys(): SecretKeys {
  const { AUTH_SECRET, AUTH_SECRET_PREVIOUS } = config();
  if (!AUTH_SECRET) throw new Error("AUTH_SECRET is not set: second-factor secrets cannot be sealed.");
  const previous = (AUTH_SECRET_PREVIOUS ?? "").split(",").map((secret) => secret.trim()).filter(Boolean);
  return { current: AUTH_SECRET, previous };
}
