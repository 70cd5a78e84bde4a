import { vi } from "vitest";
import { actorFromDatabase, hostileSuite, type ActionCase } from "@/test/hostile";

// The Security tab's policy action under hostile input (test/hostile.ts). Only the session cookie is faked; tenant
// access, grants, validation and the database are real, and a Viewer's replay of the valid call is refused.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const actions = await import("@/app/[tenant]/admin/iam/security/actions");

const cases: ActionCase[] = [
  {
    name: "setMfaPolicyAction",
    args: (w) => [w.tenantId, { requireMfa: false, requireMfaForSso: false, graceDays: 7 }],
    call: actions.setMfaPolicyAction,
  },
];

hostileSuite("Security tab", session, cases);
