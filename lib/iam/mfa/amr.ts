// How a session was authenticated, in the spirit of OpenID's `amr` (RFC 8176) but with names the console shows:
// the first step, then every second factor used in it (sign-in or step-up).
export const FIRST_FACTORS = ["password", "sso"] as const;
export const SECOND_FACTORS = ["totp", "passkey", "recovery_code"] as const;

export type FirstFactor = (typeof FIRST_FACTORS)[number];
export type SecondFactorMethod = (typeof SECOND_FACTORS)[number];

const LABELS: Record<string, string> = {
  password: "Password",
  sso: "SSO",
  totp: "authenticator app",
  passkey: "passkey",
  recovery_code: "recovery code",
};

export function usedSecondFactor(amr: readonly string[]): boolean {
  return amr.some((method) => (SECOND_FACTORS as readonly string[]).includes(method));
}

/** "Password + authenticator app", "SSO", or "" for a session from before amr was recorded. */
export function describeAmr(amr: readonly string[]): string {
  const known = amr.filter((method) => method in LABELS);
  return known.map((method, index) => (index === 0 ? LABELS[method].replace(/^./, (c) => c.toUpperCase()) : LABELS[method])).join(" + ");
}

/** The session's amr with `method` added once. */
export function withMethod(amr: readonly string[], method: string): string[] {
  return amr.includes(method) ? [...amr] : [...amr, method];
}
