// Messages for `/login?error=…`: our own SSO refusals, and Auth.js's error codes, none revealing internals.
const MESSAGES: Record<string, string> = {
  "unknown-user": "There is no account for this identity. Ask an administrator to invite you, then accept the invitation.",
  "unverified-email": "Your identity provider has not verified your email address, so it cannot be used to sign in here.",
  disabled: "This account is disabled. Ask an administrator to enable it.",
  "default-role-missing": "Single sign-on is misconfigured (the default role does not exist). Ask an administrator.",
  "userinfo-unavailable":
    "Your identity provider did not tell us your email address: its UserInfo endpoint could not be reached or refused the request. Try again; if this keeps happening, ask an administrator.",
  SecondStepExpired: "Your sign-in was not finished in time. Sign in again.",
  "userinfo-subject-mismatch":
    "Your identity provider described a different account than the one that signed in, so the sign-in was refused. Ask an administrator to check the single sign-on setup.",
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Single sign-on did not complete. Try again, or sign in with your password.";
}
