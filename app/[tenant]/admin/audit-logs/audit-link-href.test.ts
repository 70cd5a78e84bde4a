import { describe, expect, it } from "vitest";
import { auditLinkHref } from "./audit-link-href";

describe("auditLinkHref", () => {
  it("leads each kind of resource to its page in the tenant", () => {
    const id = "7c1e2d3f-3333-4c5d-9e6f-1a2b3c4d5e6f";
    expect(auditLinkHref("acme", { kind: "user", id })).toBe(`/acme/admin/iam/users/${id}`);
    expect(auditLinkHref("acme", { kind: "group", id })).toBe(`/acme/admin/iam/groups/${id}`);
    expect(auditLinkHref("acme", { kind: "role", id })).toBe(`/acme/admin/iam/roles/${id}`);
    expect(auditLinkHref("acme", { kind: "namespace", name: "company.team" })).toBe("/acme/admin/iam/namespaces");
    expect(auditLinkHref("acme", { kind: "security" })).toBe("/acme/admin/iam/security");
  });

  it("filters the Invitations tab by the email, encoded", () => {
    const href = auditLinkHref("acme", { kind: "invitations", email: "a+b&c@example.com" });
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/acme/admin/iam/invitations");
    expect(url.searchParams.get("q")).toBe("a+b&c@example.com");
  });
});
