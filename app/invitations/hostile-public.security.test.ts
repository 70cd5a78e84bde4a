import fc from "fast-check";
import { vi } from "vitest";
import { actorFromDatabase, corrupted, hostileArgs, hostileString, hostileValue, hostileSuite, PASSWORD, restore, type ActionCase } from "@/test/hostile";

// The public actions: sign-in, and the invitation accept page (the token is the credential). Only the session
// cookie is faked (currentActor() answers the user a test names, read from the database as lib/auth/current-actor.ts
// does); Auth.js, the rate limits, validation, the database and Next's request scope are all real.
const session = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "hostile-input-tests-secret-0123456789abcdef";
  return { userId: null as string | null };
});
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const login = await import("@/app/login/actions");
const accept = await import("@/app/invitations/[token]/actions");
const sso = await import("@/app/invitations/sso-actions");
const { signOutAction } = await import("@/lib/auth/sign-out-action");

const NEW_PASSWORD = "violet-Harbor-92-quietly";

/** A form post as a browser (or curl) sends it: every value is text. */
function toFormData(fields: unknown): unknown {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return fields;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    let text: string;
    try {
      text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
    } catch {
      text = "[object]";
    }
    form.append(key, text);
  }
  return form;
}

/** Form actions get a FormData from a real form; a crafted request can put any value in its place. */
const formArgs = (before: unknown[], fields: Record<string, unknown>) =>
  fc.oneof(
    { arbitrary: corrupted(fields, hostileString).map((corrupt) => [...before, toFormData(corrupt)]), weight: 4 },
    { arbitrary: hostileArgs([...before, fields]), weight: 1 },
  );

const cases: ActionCase[] = [
  {
    name: "signInAction",
    args: (w) => [null, toFormData({ email: w.emails.login, password: PASSWORD, callbackUrl: `/${w.tenantId}` })],
    hostile: (w) => formArgs([null], { email: w.emails.login, password: PASSWORD, callbackUrl: `/${w.tenantId}` }),
    call: login.signInAction,
    actors: [null],
    runs: 60,
  },
  {
    name: "ssoSignInAction",
    args: (w) => [toFormData({ callbackUrl: `/${w.tenantId}` })],
    hostile: (w) => formArgs([], { callbackUrl: `/${w.tenantId}` }),
    call: login.ssoSignInAction,
    actors: [null],
    shape: "redirect-only",
    runs: 100,
  },
  {
    name: "checkPasswordAction",
    args: (w) => [w.newcomer.token, "correct horse battery staple"],
    call: accept.checkPasswordAction,
    actors: [null],
    shape: "boolean",
  },
  {
    name: "createAccountAction",
    args: (w) => [w.newcomer.token, { firstName: "Ada", lastName: "Lovelace", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
    call: accept.createAccountAction,
    restore: restore.invitations,
    actors: [null],
    runs: 50,
  },
  {
    name: "acceptAsExistingUserAction",
    args: (w) => [w.existing.token],
    call: accept.acceptAsExistingUserAction,
    restore: restore.invitations,
    actors: ["invitee", null],
  },
  {
    name: "switchAccountAction",
    args: (w) => [w.existing.token],
    call: accept.switchAccountAction,
    actors: ["invitee"],
    shape: "redirect-only",
  },
  {
    name: "continueWithSsoAction",
    args: (w) => [w.existing.token],
    call: sso.continueWithSsoAction,
    actors: [null],
    shape: "redirect-only",
  },
  {
    name: "signOutAction",
    args: () => [],
    hostile: () => fc.array(hostileValue, { maxLength: 2 }),
    call: signOutAction,
    actors: ["invitee"],
    shape: "redirect-only",
    runs: 20,
  },
];

hostileSuite("Public", session, cases, { replay: [] });
