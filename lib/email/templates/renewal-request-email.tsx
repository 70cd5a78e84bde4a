import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface RenewalRequestEmailProps {
  /** The invited address: whoever opened the expired link, since the link is the only credential they have. */
  requestedBy: string;
  tenantName: string;
  accessSummary: string;
  expiredAt: string;
  /** Who sent the invitation, when that is not the recipient; null when their account is gone. */
  invitedBy: string | null;
  isInviter: boolean;
  /** The Invitations tab, filtered to the open requests. */
  invitationsUrl: string;
}

const TEXT = { color: "#334155", fontSize: 15, lineHeight: "24px" } as const;

/** "Ask for a new link" (React Email): who asked, for what, and the one place to renew it. Never the invitation's link. */
export function RenewalRequestEmail({ requestedBy, tenantName, accessSummary, expiredAt, invitedBy, isInviter, invitationsUrl }: RenewalRequestEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${requestedBy} asked for a new invitation link to ${tenantName}`}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 12, margin: "32px auto", maxWidth: 520, padding: 32 }}>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "0 0 16px" }}>
            {requestedBy} asked for a new link
          </Heading>
          <Text style={TEXT}>
            {requestedBy} opened their invitation to {tenantName}, which expired on {expiredAt}, and asked for a new link.
          </Text>
          <Text style={TEXT}>
            Their access: <strong>{accessSummary}</strong>
          </Text>
          <Text style={TEXT}>
            {isInviter
              ? "You sent this invitation."
              : `${invitedBy ?? "A former member"} sent it and can no longer resend it; you can.`}
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button href={invitationsUrl} style={{ backgroundColor: "#6d28d9", borderRadius: 8, color: "#ffffff", fontSize: 15, fontWeight: 600, padding: "12px 20px" }}>
              Open Invitations
            </Button>
          </Section>
          <Text style={{ color: "#475569", fontSize: 13, lineHeight: "20px" }}>
            Resend it there to email them a fresh link, or revoke it if they should not join. If the button does not work, open this link:{" "}
            {invitationsUrl}
          </Text>
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0" }} />
          <Text style={{ color: "#64748b", fontSize: 12 }}>Not expecting this? Nothing changes unless someone resends the invitation.</Text>
        </Container>
      </Body>
    </Html>
  );
}
