import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface InvitationEmailProps {
  inviterName: string;
  tenantName: string;
  accessSummary: string;
  link: string;
  expiresAt: string;
}

/** The invitation email (React Email): who invited, which tenant, what access, until when, one button. */
export function InvitationEmail({ inviterName, tenantName, accessSummary, link, expiresAt }: InvitationEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${inviterName} invited you to ${tenantName} on IAM Console`}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 12, margin: "32px auto", maxWidth: 520, padding: 32 }}>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "0 0 16px" }}>
            You&apos;re invited to {tenantName}
          </Heading>
          <Text style={{ color: "#334155", fontSize: 15, lineHeight: "24px" }}>
            {inviterName} invited you to join the {tenantName} tenant on IAM Console.
          </Text>
          <Text style={{ color: "#334155", fontSize: 15, lineHeight: "24px" }}>
            Your access: <strong>{accessSummary}</strong>
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button href={link} style={{ backgroundColor: "#6d28d9", borderRadius: 8, color: "#ffffff", fontSize: 15, fontWeight: 600, padding: "12px 20px" }}>
              Accept invitation
            </Button>
          </Section>
          <Text style={{ color: "#475569", fontSize: 13, lineHeight: "20px" }}>
            This invitation expires on {expiresAt}. If the button does not work, open this link: {link}
          </Text>
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0" }} />
          <Text style={{ color: "#64748b", fontSize: 12 }}>
            Not expecting this? You can ignore this email; nothing happens unless you accept.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
