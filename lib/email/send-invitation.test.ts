import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendStandIn, type ResendStandIn } from "@/e2e/resend-stand-in";
import { sendInvitationEmail } from "./send-invitation";

// The real Resend SDK against a local server speaking Resend's API (the real service is unreachable here).
let standIn: ResendStandIn;
beforeAll(async () => {
  standIn = await startResendStandIn();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = standIn.url;
  process.env.EMAIL_FROM = "IAM Console <iam@test.example>";
});
afterAll(() => standIn.close());

const props = {
  inviterName: "Ada Lovelace",
  tenantName: "Main",
  accessSummary: "Developer on company.team",
  link: "http://console.test/invitations/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
  expiresAt: "4 Dec 2026, 10:00 UTC",
};

describe("sendInvitationEmail through the Resend SDK", () => {
  it("sends HTML and plain text naming the inviter, tenant, access, expiry and the one link", async () => {
    expect(await sendInvitationEmail("grace@test.example", props)).toBe("SENT");
    const [email] = standIn.emails.slice(-1);
    expect(email.to).toEqual(["grace@test.example"]);
    expect(email.from).toBe("IAM Console <iam@test.example>");
    expect(email.subject).toBe("Ada Lovelace invited you to Main");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Developer on company.team");
      expect(part).toContain(props.link);
      expect(part).toContain("4 Dec 2026, 10:00 UTC");
    }
    expect(email.html).toContain(`href="${props.link}"`);
    expect(email.text).not.toContain("<");
  });

  it("reports FAILED, without throwing, when the API answers an error", async () => {
    standIn.failNext(1, 500);
    expect(await sendInvitationEmail("grace@test.example", props)).toBe("FAILED");
  });
});
