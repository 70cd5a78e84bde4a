// The kinds of second factor and what the console calls them: pure, for the domain and the screens alike.
export type FactorKind = "TOTP" | "PASSKEY";

export const FACTOR_KIND_LABELS: Record<FactorKind, string> = { TOTP: "Authenticator app", PASSKEY: "Passkey" };

/** The label of a stored kind (a text column, checked by the database): unknown values are shown as they are. */
export function factorKindLabel(kind: string): string {
  return FACTOR_KIND_LABELS[kind as FactorKind] ?? kind;
}
