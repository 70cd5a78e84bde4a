import "server-only";
import { render } from "@react-email/render";
import { Resend } from "resend";
import { config } from "@/lib/config";
import { InvitationEmail, type InvitationEmailProps } from "@/lib/email/templates/invitation-email";

export type DeliveryOutcome = "SENT" | "FAILED" | "NOT_CONFIGURED";

export function isEmailConfigured(): boolean {
  return Boolean(config().RESEND_API_KEY);
}

const DEFAULT_FROM = "IAM Console <onboarding@resend.dev>";

/** Sends one invitation through Resend; never throws, the caller records the outcome on the invitation. */
export async function sendInvitationEmail(to: string, props: InvitationEmailProps): Promise<DeliveryOutcome> {
  const { RESEND_API_KEY, RESEND_BASE_URL, EMAIL_FROM } = config();
  if (!RESEND_API_KEY) return "NOT_CONFIGURED";
  try {
    const element = InvitationEmail(props);
    const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
    const resend = new Resend(RESEND_API_KEY, RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : undefined);
    const { error } = await resend.emails.send({
      from: EMAIL_FROM ?? DEFAULT_FROM,
      to,
      subject: `${props.inviterName} invited you to ${props.tenantName}`,
      html,
      text,
    });
    if (error) {
      // The error names the API failure only: the link (and its token) is never logged.
      console.error(`[email] invitation to ${to} failed: ${error.name}: ${error.message}`);
      return "FAILED";
    }
    return "SENT";
  } catch (error) {
    console.error(`[email] invitation to ${to} failed: ${error instanceof Error ? error.message : "unknown error"}`);
    return "FAILED";
  }
}
