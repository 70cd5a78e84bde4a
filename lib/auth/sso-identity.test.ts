import { describe, expect, it } from "vitest";
import { identityFrom } from "./sso";

const verified = (profile: Record<string, unknown>) => identityFrom("subject-1", { email: "ada@corp.test", ...profile }).isEmailVerified;

describe("the SSO identity taken from an ID token's claims", () => {
  it("counts an email as verified only on a literal email_verified: true", () => {
    expect(verified({ email_verified: true })).toBe(true);
    for (const value of [false, "true", 1, null, undefined]) expect(verified({ email_verified: value }), String(value)).toBe(false);
  });

  it("takes Entra ID's xms_edov: true in its place, only when email_verified is absent", () => {
    expect(verified({ xms_edov: true })).toBe(true);
    expect(verified({ email_verified: false, xms_edov: true })).toBe(false);
    expect(verified({ email_verified: null, xms_edov: true })).toBe(false);
    for (const value of [false, "true", "1", 1]) expect(verified({ xms_edov: value }), String(value)).toBe(false);
  });

  it("trims and caps the text claims, and splits a full name when given and family names are missing", () => {
    const identity = identityFrom("s", { email: `  ${"a".repeat(300)}@x.test `, name: "Grace Brewster Hopper", email_verified: true });
    expect(identity.email).toHaveLength(254);
    expect(identity).toMatchObject({ provider: "oidc", subject: "s", firstName: "Grace", lastName: "Brewster Hopper" });
    expect(identityFrom("s", { email: 42, given_name: "Ada", family_name: "Lovelace" })).toMatchObject({ email: null, firstName: "Ada", lastName: "Lovelace" });
  });
});
