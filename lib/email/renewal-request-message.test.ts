import { describe, expect, it } from "vitest";
import { renewalRequestMessage } from "./renewal-request-message";

const props = {
  requestedBy: "ada@example.com",
  tenantName: "Main & <Co>",
  accessSummary: "Developer on company.team",
  expiredAt: "4 Dec 2026, 10:00 UTC",
  invitedBy: "Grace Hopper",
  isInviter: false,
  invitationsUrl: "https://iam.example.test/main/admin/iam/invitations?renewal=requested",
};

describe("the renewal request email", () => {
  it("names who asked, for which tenant and access, and links to the Invitations tab, in HTML and plain text", async () => {
    const email = await renewalRequestMessage(props);
    expect(email.subject).toBe("ada@example.com asked for a new invitation link to Main & <Co>");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("ada@example.com");
      expect(part).toContain("Developer on company.team");
      expect(part).toContain("4 Dec 2026, 10:00 UTC");
      expect(part).toContain("Grace Hopper sent it and can no longer resend it; you can.");
      expect(part).toContain(props.invitationsUrl);
    }
    expect(email.html).toContain(`href="${props.invitationsUrl}"`);
    // The tenant's name is text, never markup.
    expect(email.html).toContain("Main &amp; &lt;Co&gt;");
    expect(email.html).not.toContain("<Co>");
    expect(email.text).not.toMatch(/<(html|body|p|a|strong|table|div)\b/i);
  });

  it("tells the inviter it was theirs, and an admin when the inviter's account is gone", async () => {
    expect((await renewalRequestMessage({ ...props, isInviter: true })).text).toContain("You sent this invitation.");
    expect((await renewalRequestMessage({ ...props, invitedBy: null })).text).toContain("A former member sent it");
  });
});
