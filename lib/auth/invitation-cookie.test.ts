import { describe, expect, it } from "vitest";
import { openInvitationCookie, sealInvitationId } from "./invitation-cookie";

process.env.AUTH_SECRET = "test-secret-for-the-invitation-cookie-0123456789";
const id = "7f1d6c9e-1c7e-4f0e-9a55-0b3f2c2a1d11";

describe("SSO invitation cookie", () => {
  it("round-trips the invitation id, never a token", () => {
    const sealed = sealInvitationId(id);
    expect(sealed.startsWith(`${id}.`)).toBe(true);
    expect(openInvitationCookie(sealed)).toBe(id);
  });

  it("refuses tampered, forged, expired and malformed values", () => {
    const sealed = sealInvitationId(id);
    const [, expiresAt, signature] = sealed.split(".");
    expect(openInvitationCookie(`00000000-0000-4000-8000-000000000000.${expiresAt}.${signature}`)).toBeNull();
    expect(openInvitationCookie(`${id}.${Number(expiresAt) + 60_000}.${signature}`)).toBeNull();
    expect(openInvitationCookie(`${id}.${expiresAt}.${signature.slice(0, -2)}xx`)).toBeNull();
    expect(openInvitationCookie(sealed, Number(expiresAt) + 1)).toBeNull();
    for (const junk of [undefined, "", "a.b", "a.b.c.d", "x".repeat(500)]) expect(openInvitationCookie(junk)).toBeNull();
  });
});
