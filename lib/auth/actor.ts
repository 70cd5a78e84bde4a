import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db/client";
import { displayName } from "@/lib/auth/credentials";
import { loginPath } from "@/lib/auth/callback-url";

/** The signed-in user as every authorization decision sees them, read fresh from the database per request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isSuperAdmin: boolean;
}

// Per request, not per session: a disabled or deleted user loses access at their next request.
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, firstName: true, lastName: true, superAdmin: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: displayName(user), isSuperAdmin: user.superAdmin };
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  const requested = (await headers()).get("x-request-path") ?? "/";
  redirect(loginPath(requested));
}
