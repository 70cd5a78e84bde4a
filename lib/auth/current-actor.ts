import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { resolveSession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/iam/authz/actor";
import { displayName } from "@/lib/iam/users/display-name";
import { loginPath } from "@/lib/auth/callback-url";

// Per request, not per cookie: the session record and its user are read together (one query) on every request, so
// a session that was signed out, ended by an admin, expired or idle, or whose user was disabled or deleted, signs
// nobody in from its next request on, on every instance.
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const user = await resolveSession(session?.sessionId, session?.user?.id);
  if (!user) return null;
  return { id: user.id, email: user.email, name: displayName(user), isSuperAdmin: user.superAdmin };
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  const requested = (await headers()).get("x-request-path") ?? "/";
  redirect(loginPath(requested));
}
