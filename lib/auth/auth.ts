import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import { headers } from "next/headers";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { config, ssoConfig } from "@/lib/config";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { clientAddress } from "@/lib/security/rate-limits";
import { signInSchema } from "@/lib/auth/schemas";
import { decideSsoSignIn, userIdForSsoAccount } from "@/lib/auth/sso";
import { endSession, startSession } from "@/lib/auth/sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The server-side session record (lib/auth/sessions.ts) this cookie belongs to. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

/** Who is signing in, for the session record: the user agent and the address TRUST_PROXY allows us to know. */
async function signInClient() {
  const request = await headers();
  return { userAgent: request.get("user-agent"), address: clientAddress(request) };
}

export const SSO_PROVIDER_ID = "oidc";

function providers(): Provider[] {
  const credentials = Credentials({
    credentials: { email: {}, password: {} },
    async authorize(raw, request) {
      const parsed = signInSchema.safeParse(raw);
      if (!parsed.success) return null;
      const client = clientAddress(request.headers);
      const user = await authenticateWithPassword(parsed.data.email, parsed.data.password, { client });
      return user && { id: user.id, email: user.email, name: user.name };
    },
  });
  const sso = ssoConfig();
  if (!sso) return [credentials];
  // Any standards-compliant provider by configuration alone: discovery from the issuer, PKCE + state + nonce.
  return [
    credentials,
    {
      id: SSO_PROVIDER_ID,
      name: sso.buttonLabel,
      type: "oidc",
      issuer: sso.issuer,
      clientId: sso.clientId,
      clientSecret: sso.clientSecret,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    },
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: config().AUTH_SECRET,
  trustHost: true,
  // The cookie lives as long as a session may; lib/auth/sessions.ts decides on every request whether it still does.
  session: { strategy: "jwt", maxAge: config().SESSION_MAX_AGE },
  logger: {
    // A wrong password is an expected outcome, not a server error: no stack trace in the log, and no email.
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") console.warn("[auth] failed password sign-in");
      // A cookie that does not decrypt (tampered, or from another AUTH_SECRET) is the client's doing: it is simply
      // signed out, and the log gets one line instead of a stack trace.
      else if (type === "JWTSessionError") console.warn("[auth] unreadable session cookie ignored");
      else console.error("[auth]", error);
    },
  },
  pages: { signIn: "/login", error: "/login" },
  providers: providers(),
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      // true lets Auth.js finish; a path redirects to the page that says why nothing happened.
      return decideSsoSignIn(account.providerAccountId, profile ?? {}, account.access_token);
    },
    async jwt({ token, user, account, trigger }) {
      if (trigger !== "signIn" && trigger !== "signUp") return token;
      if (account?.provider === SSO_PROVIDER_ID) token.sub = await userIdForSsoAccount(account.providerAccountId);
      else if (user?.id) token.sub = user.id;
      // Every sign-in is a new session record; without a user there is nothing to sign in (and no sid).
      const method = account?.provider === SSO_PROVIDER_ID ? "sso" : "password";
      token.sid = token.sub ? await startSession(token.sub, await signInClient(), { method }) : undefined;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message) await endSession(message.token?.sid);
    },
  },
});
