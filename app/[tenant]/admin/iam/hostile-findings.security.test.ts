import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { actorFromDatabase, buildWorld, GENERIC_FAILURE, invoke, PASSWORD, type Outcome, type World } from "@/test/hostile";

// Fixed reproductions of what the hostile-input properties found (see the *.security.test.ts files next to this
// one), so each finding has one readable test. Only the session cookie is faked, as there.
const session = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "hostile-input-tests-secret-0123456789abcdef";
  return { userId: null as string | null };
});
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const groups = await import("@/app/[tenant]/admin/iam/groups/actions");
const roles = await import("@/app/[tenant]/admin/iam/roles/actions");
const userPage = await import("@/app/[tenant]/admin/iam/users/[userId]/actions");
const login = await import("@/app/login/actions");
const sso = await import("@/app/invitations/sso-actions");
const { GET: health } = await import("@/app/api/health/route");
const { db } = await import("@/lib/db/client");

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
// The action runner logs what it swallows; these tests look at the answers instead.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

const refusedWithMessage = (outcome: Outcome) => {
  expect(outcome.kind, JSON.stringify(outcome.kind === "threw" ? String(outcome.error) : outcome)).toBe("returned");
  const value = (outcome as { value: { ok: boolean; error: string } }).value;
  expect(value.ok).toBe(false);
  expect(value.error).not.toBe(GENERIC_FAILURE);
};

describe("the tenant argument of an action", () => {
  // A crafted request can send any value as `tenant`; it reaches Prisma unchecked (actionActor → principalFor).
  it.each([
    ["a number", 42],
    ["an array", ["main"]],
    ["an object", { id: "main" }],
    ["a string with a NUL byte", "main\u0000"],
    ["a 10,000-character string", "t".repeat(10_000)],
  ])("is refused with a message when it is %s", async (_, tenant) => {
    session.userId = world.users.admin;
    const groupsBefore = await db().group.count();
    refusedWithMessage(await invoke(() => groups.createGroupAction(tenant as string, { name: "Tenantless", description: "" })));
    expect(await db().group.count()).toBe(groupsBefore);
  });

  it("is refused with a message when a superadmin names a tenant that does not exist", async () => {
    // Superadmins skip the tenant-access lookup, so nothing checks the tenant exists until the insert's foreign key.
    session.userId = world.users.superadmin;
    refusedWithMessage(await invoke(() => groups.createGroupAction("no-such-tenant", { name: "Orphan", description: "" })));
    expect(await db().group.count({ where: { tenantId: "no-such-tenant" } })).toBe(0);
  });
});

describe("text the schema lets through but the database refuses", () => {
  it.each([
    ["name", { name: "Broken \ud800 role", description: "", permissions: { FLOW: ["READ"] } }],
    ["description", { name: "Broken description role", description: "\udfff", permissions: { FLOW: ["READ"] } }],
  ])("createRoleAction refuses a lone surrogate in the %s with a message", async (_, input) => {
    // The role schema refuses Cc/Cf/Co/Cn but not Cs (lone surrogates); the audit entry's JSON then fails in
    // PostgreSQL (22P02 invalid input syntax for type json) and the user gets the generic failure.
    session.userId = world.users.admin;
    refusedWithMessage(await invoke(() => roles.createRoleAction(world.tenantId, input)));
    expect(await db().role.count({ where: { tenantId: world.tenantId, name: input.name } })).toBe(0);
  });
});

describe("an argument used only after the write", () => {
  it("removeUserBindingAction does not remove the binding and then report that nothing changed", async () => {
    // userId is not validated: it only builds the path given to revalidatePath, which throws URIError on a lone
    // surrogate — after removeBinding has committed. The user reads "nothing was changed"; the binding is gone.
    session.userId = world.users.admin;
    const bindingId = world.userBindingId;
    const outcome = await invoke(() => userPage.removeUserBindingAction(world.tenantId, "\udfff", bindingId));
    const stillThere = (await db().binding.count({ where: { id: bindingId } })) === 1;
    expect(outcome.kind).toBe("returned");
    const value = (outcome as { value: { ok: boolean; error?: string } }).value;
    if (value.ok) expect(stillThere).toBe(false);
    else {
      expect(value.error).not.toBe(GENERIC_FAILURE);
      expect(stillThere).toBe(true);
    }
  });
});

describe("form actions called with something other than a form", () => {
  // React's reply decoder hands a crafted request's JSON arguments straight to the action: `form` may be anything.
  it("signInAction answers a result when the form is a plain object", async () => {
    session.userId = null;
    const outcome = await invoke(() => login.signInAction(null, { email: world.emails.login, password: PASSWORD } as unknown as FormData));
    expect(outcome.kind, outcome.kind === "threw" ? String(outcome.error) : "").toBe("returned");
  });

  it("ssoSignInAction does not throw when the form is a string", async () => {
    session.userId = null;
    const outcome = await invoke(() => login.ssoSignInAction("callbackUrl=/" as unknown as FormData));
    expect(outcome.kind, outcome.kind === "threw" ? String(outcome.error) : "").not.toBe("threw");
  });

  it("continueWithSsoAction does not throw on a token object whose toString is not a function", async () => {
    session.userId = null;
    const token = JSON.parse('{"toString": "x", "valueOf": "y"}') as string;
    const outcome = await invoke(() => sso.continueWithSsoAction(token));
    expect(outcome.kind, outcome.kind === "threw" ? String(outcome.error) : "").not.toBe("threw");
  });
});

describe("route handlers", () => {
  it("GET /api/health ignores whatever the request carries", async () => {
    // The handler takes no arguments; a hostile request changes nothing about its answer.
    const response = await (health as (request?: Request) => Promise<Response>)(
      new Request("http://localhost/api/health?'%20OR%201=1--=<script>", { headers: { "x-forwarded-for": "' OR 1=1 --", cookie: "a=\u00ff" } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
