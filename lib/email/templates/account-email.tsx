import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

// The account's emails (React Email): a reset link, "sign in with SSO" for an account without a password, and the
// notice that a password was changed. One layout, three bodies.

const TEXT = { color: "#334155", fontSize: 15, lineHeight: "24px" } as const;

function Layout({ preview, heading, children }: { preview: string; heading: string; children: React.ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 12, margin: "32px auto", maxWidth: 520, padding: 32 }}>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

const Footer = ({ children }: { children: React.ReactNode }) => (
  <>
    <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0" }} />
    <Text style={{ color: "#64748b", fontSize: 12 }}>{children}</Text>
  </>
);

export function PasswordResetEmail({ link, expiresAt, requestedBy }: { link: string; expiresAt: string; requestedBy: string | null }) {
  return (
    <Layout preview="Reset your IAM Console password" heading="Reset your password">
      <Text style={TEXT}>
        {requestedBy ? `${requestedBy} sent you a link to choose a new password for IAM Console.` : "Someone — hopefully you — asked to reset the password of your IAM Console account."}
      </Text>
      <Section style={{ margin: "24px 0" }}>
        <Button href={link} style={{ backgroundColor: "#6d28d9", borderRadius: 8, color: "#ffffff", fontSize: 15, fontWeight: 600, padding: "12px 20px" }}>
          Choose a new password
        </Button>
      </Section>
      <Text style={{ color: "#475569", fontSize: 13, lineHeight: "20px" }}>
        The link works once, until {expiresAt}. If the button does not work, open this link: {link}
      </Text>
      <Footer>Did not ask for this? Ignore this email: your password stays as it is.</Footer>
    </Layout>
  );
}

export function SsoOnlyEmail({ signInUrl }: { signInUrl: string }) {
  return (
    <Layout preview="Your IAM Console account signs in with single sign-on" heading="You sign in with single sign-on">
      <Text style={TEXT}>
        Someone asked to reset the password of your IAM Console account, but it has no password: you sign in with your organisation&apos;s single
        sign-on. Open {signInUrl} and choose the single sign-on button.
      </Text>
      <Footer>Did not ask for this? Ignore this email: nothing has changed.</Footer>
    </Layout>
  );
}

export function PasswordChangedEmail({ when, where, how }: { when: string; where: string; how: string }) {
  return (
    <Layout preview="Your IAM Console password was changed" heading="Your password was changed">
      <Text style={TEXT}>
        The password of your IAM Console account was {how} on {when}, {where}. Every other session was signed out.
      </Text>
      <Footer>Was this not you? Reset your password from the sign-in page at once, and tell your administrator.</Footer>
    </Layout>
  );
}
