import "server-only";
import { render } from "@react-email/render";
import { InvitationEmail, type InvitationEmailProps } from "@/lib/email/templates/invitation-email";

export interface EmailMessage {
  subject: string;
  html: string;
  text: string;
}

/** Everything in an invitation email but its link. */
export type InvitationEmailContext = Omit<InvitationEmailProps, "link">;

/** Renders one invitation email: HTML and plain text. */
export async function renderInvitationEmail(props: InvitationEmailProps): Promise<EmailMessage> {
  const element = InvitationEmail(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: `${props.inviterName} invited you to ${props.tenantName}`, html, text };
}

/**
 * Stands for the token in a rendered template: as long as a real token (43 characters) and made of characters that
 * neither HTML escaping nor plain-text wrapping changes, so a filled template is exactly what rendering would give.
 */
const TOKEN_SLOT = "INVITATIONxTOKENxSLOTxxxxxxxxxxxxxxxxxxxxxx";

/**
 * Invitation emails for one request. A React Email render takes about 10 ms, far too slow for a bulk invite of 500
 * inside its transaction, and invitations from one inviter with one access differ only by their token: each distinct
 * email is rendered once around a placeholder token, which is then swapped for each invitation's own.
 */
export function invitationMessages(linkFor: (token: string) => string) {
  const templates = new Map<string, Promise<EmailMessage>>();
  return async (context: InvitationEmailContext, token: string): Promise<EmailMessage> => {
    const key = JSON.stringify([context.inviterName, context.tenantName, context.accessSummary, context.expiresAt]);
    let template = templates.get(key);
    if (!template) {
      template = renderInvitationEmail({ ...context, link: linkFor(TOKEN_SLOT) });
      templates.set(key, template);
    }
    const { subject, html, text } = await template;
    return { subject, html: html.replaceAll(TOKEN_SLOT, token), text: text.replaceAll(TOKEN_SLOT, token) };
  };
}
