import "server-only";
import { Resend } from "resend";
import { config } from "@/lib/config";

const DEFAULT_FROM = "IAM Console <onboarding@resend.dev>";

/** Email goes out only when RESEND_API_KEY is set; otherwise links are shared by hand. */
export function isEmailConfigured(): boolean {
  return Boolean(config().RESEND_API_KEY);
}

/** The Resend SDK, pointed at RESEND_BASE_URL when set (tests); null when email isn't configured. */
export function resendClient(): Resend | null {
  const { RESEND_API_KEY, RESEND_BASE_URL } = config();
  if (!RESEND_API_KEY) return null;
  return new Resend(RESEND_API_KEY, RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : undefined);
}

export const emailFrom = () => config().EMAIL_FROM ?? DEFAULT_FROM;
