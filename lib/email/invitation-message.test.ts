import { describe, expect, it } from "vitest";
import { newToken } from "@/lib/iam/invitations/invitation-tokens";
import { invitationMessages, renderInvitationEmail } from "./invitation-message";

const context = {
  inviterName: "Ada Lovelace",
  tenantName: "Main & Co",
  accessSummary: "Developer on company.team",
  expiresAt: "4 Dec 2026, 10:00 UTC",
};
const linkFor = (token: string) => `http://console.test/invitations/${token}`;

describe("invitation emails", () => {
  it("name the inviter, tenant, access, expiry and carry the one link, in HTML and plain text", async () => {
    const link = linkFor("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");
    const email = await renderInvitationEmail({ ...context, link });
    expect(email.subject).toBe("Ada Lovelace invited you to Main & Co");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Developer on company.team");
      expect(part).toContain(link);
      expect(part).toContain("4 Dec 2026, 10:00 UTC");
    }
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain("Main &amp; Co");
    expect(email.text).not.toContain("<");
  });

  it("fills a template rendered once to exactly what rendering each email gives, whatever the token", async () => {
    const message = invitationMessages(linkFor);
    const tokens = [newToken(), newToken(), "-".repeat(43), "_".repeat(43), "A".repeat(43)];
    for (const token of tokens) {
      expect(await message(context, token)).toEqual(await renderInvitationEmail({ ...context, link: linkFor(token) }));
    }
    // Another access is another template, not the first one filled in.
    const other = await message({ ...context, accessSummary: "Viewer, tenant-wide" }, tokens[0]);
    expect(other.text).toContain("Viewer, tenant-wide");
    expect(other.text).not.toContain("Developer");
  });

  it("renders each distinct email once, however many invitations share it", async () => {
    const message = invitationMessages(linkFor);
    const started = performance.now();
    const emails = await Promise.all(Array.from({ length: 500 }, () => newToken()).map((token) => message(context, token)));
    expect(new Set(emails.map((email) => email.html)).size).toBe(500);
    // 500 separate renders take about 5 s; one render and 500 string swaps well under one.
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
