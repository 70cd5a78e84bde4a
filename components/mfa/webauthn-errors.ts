// What to tell the person when the browser's passkey prompt fails (@simplewebauthn/browser's WebAuthnError codes and
// the DOMException names under them).
export function passkeyErrorMessage(error: unknown, ceremony: "create" | "use"): string {
  const code = (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") return "This passkey is already registered to your account.";
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED") {
    return ceremony === "create" ? "The passkey was not created: the prompt was closed or timed out. Try again." : "The passkey prompt was closed or timed out. Try again, or use another way.";
  }
  if (name === "SecurityError" || code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID") {
    return "Passkeys need the console's own address over HTTPS (or localhost). Ask an administrator to check APP_URL.";
  }
  const detail = error instanceof Error ? error.message.slice(0, 200) : "";
  return `Your browser could not ${ceremony === "create" ? "create" : "use"} the passkey${detail ? `: ${detail}` : "."}`;
}
