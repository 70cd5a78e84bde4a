import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { signInSchema } from "@/lib/auth/schemas";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: config().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt" },
  logger: {
    // A wrong password is an expected outcome, not a server error: no stack trace in the log, and no email.
    error(error) {
      if (error.name === "CredentialsSignin") console.warn("[auth] failed password sign-in");
      else console.error("[auth]", error);
    },
  },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticateWithPassword(parsed.data.email, parsed.data.password);
        return user && { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
