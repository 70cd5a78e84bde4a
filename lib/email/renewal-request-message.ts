import "server-only";
import { render } from "@react-email/render";
import type { EmailMessage } from "@/lib/email/invitation-message";
import { RenewalRequestEmail, type RenewalRequestEmailProps } from "@/lib/email/templates/renewal-request-email";

/** Renders the email that tells an inviter (or an admin) that an invitee asked for a new link: HTML and plain text. */
export async function renewalRequestMessage(props: RenewalRequestEmailProps): Promise<EmailMessage> {
  const element = RenewalRequestEmail(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: `${props.requestedBy} asked for a new invitation link to ${props.tenantName}`, html, text };
}
