import "server-only";
import { render } from "@react-email/render";
import type { EmailMessage } from "@/lib/email/invitation-message";
import { PasswordChangedEmail, PasswordResetEmail, SsoOnlyEmail } from "@/lib/email/templates/account-email";

async function rendered(element: React.ReactElement, subject: string): Promise<EmailMessage> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export const passwordResetMessage = (props: Parameters<typeof PasswordResetEmail>[0]) => rendered(PasswordResetEmail(props), "Reset your IAM Console password");
export const ssoOnlyMessage = (props: Parameters<typeof SsoOnlyEmail>[0]) => rendered(SsoOnlyEmail(props), "Your IAM Console account signs in with single sign-on");
export const passwordChangedMessage = (props: Parameters<typeof PasswordChangedEmail>[0]) => rendered(PasswordChangedEmail(props), "Your IAM Console password was changed");
