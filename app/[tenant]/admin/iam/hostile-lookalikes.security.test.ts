import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actorFromDatabase, buildWorld, fingerprint, GENERIC_FAILURE, invoke, lookAlikeOf, type Outcome, type World } from "@/test/hostile";

// Names that only look like an existing group's or role's (other scripts, full-width forms, another case, NFD), sent
// to the server actions as a crafted request would: every one is refused with a message about the name, never the
// generic failure, and changes nothing. Only the session cookie is faked, as in the other hostile suites.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/current-actor", () => ({
  currentActor: async () => actorFromDatabase(session.userId),
  requireActor: async () => (await actorFromDatabase(session.userId)) ?? Promise.reject(new Error("signed out")),
}));

const groups = await import("@/app/[tenant]/admin/iam/groups/actions");
const roles = await import("@/app/[tenant]/admin/iam/roles/actions");
const { db } = await import("@/lib/db/client");
const { nameKeys } = await import("@/lib/iam/names/look-alikes");

const RUNS = Math.max(1, Math.round((60 * Number(process.env.HOSTILE_RUNS ?? 200)) / 200));
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const MIXED = "Use one alphabet in a name: .* mixes .+";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const groupTaken = (name: string) => new RegExp(`^(${MIXED}|A group named "${escape(name)}" already exists( \\(the names look alike\\))?\\.)$`, "s");
const roleTaken = (name: string) => new RegExp(`^(${MIXED}|A role named "${escape(name)}" already exists( \\(the names look alike\\))?\\. Choose another name\\.)$`, "s");
const managedTaken = (name: string) =>
  new RegExp(`^(${MIXED}|"${escape(name)}" is the name of a managed role( \\(the names look alike\\))?\\. Choose another name\\.)$`, "s");

let world: World;
beforeAll(async () => {
  world = await buildWorld();
  await db().group.create({ data: { tenantId: world.tenantId, name: "Night owls", ...nameKeys("Night owls") } });
}, 60_000);

/** The refusal's message about the name: its field error when it has one, else the form's. */
function refusal(outcome: Outcome): string {
  expect(outcome.kind, outcome.kind === "threw" ? String(outcome.error) : "").toBe("returned");
  const value = (outcome as { value: { ok: boolean; error: string; fieldErrors?: Record<string, string[]> } }).value;
  expect(value.ok, JSON.stringify(value)).toBe(false);
  expect(value.error).not.toBe(GENERIC_FAILURE);
  return value.fieldErrors?.name?.[0] ?? value.error;
}

/** Every look-alike of `existing`, sent by `send`, is refused with a message matching `expected`, changing nothing. */
async function refusesEveryLookAlike(existing: string, expected: RegExp, send: (name: string) => Promise<unknown>, fieldError: boolean) {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("superadmin" as const, "admin" as const), lookAlikeOf(existing), async (who, name) => {
      session.userId = world.users[who];
      const before = await fingerprint(world.tenantId, world.domain);
      const outcome = await invoke(() => send(name));
      const message = refusal(outcome);
      expect(message, JSON.stringify(name)).toMatch(expected);
      if (fieldError) expect((outcome as { value: { fieldErrors?: object } }).value.fieldErrors, JSON.stringify(name)).toHaveProperty("name");
      expect(await fingerprint(world.tenantId, world.domain), JSON.stringify(name)).toEqual(before);
    }),
    { numRuns: RUNS, seed, endOnFailure: true },
  );
}

describe("look-alike names under hostile input", () => {
  it("createGroupAction refuses every look-alike of an existing group on the Name field", { timeout: 120_000 }, async () => {
    await refusesEveryLookAlike("Hostile group", groupTaken("Hostile group"), (name) => groups.createGroupAction(world.tenantId, { name, description: "" }), true);
  });

  it("updateGroupAction refuses renaming a group into a look-alike of another", { timeout: 120_000 }, async () => {
    await refusesEveryLookAlike("Night owls", groupTaken("Night owls"), (name) => groups.updateGroupAction(world.tenantId, world.groupId, { name, description: "" }), true);
  });

  it("createRoleAction refuses every look-alike of a custom role and of a managed one", { timeout: 120_000 }, async () => {
    const create = (name: string) => roles.createRoleAction(world.tenantId, { name, description: "", permissions: { FLOW: ["READ"] } });
    await refusesEveryLookAlike("Hostile auditor", roleTaken("Hostile auditor"), create, false);
    await refusesEveryLookAlike("Admin", managedTaken("Admin"), create, false);
  });

  it("updateRoleAction refuses renaming a role into a look-alike of another or of a managed one", { timeout: 120_000 }, async () => {
    const rename = (name: string) => roles.updateRoleAction(world.tenantId, world.roleId, { name, description: "", permissions: { AUDITLOG: ["READ"] } });
    await refusesEveryLookAlike("Spare role", roleTaken("Spare role"), rename, false);
    await refusesEveryLookAlike("Viewer", managedTaken("Viewer"), rename, false);
  });
});

describe("look-alike names created at the same moment", () => {
  it("createGroupAction lets one win and tells the others which, on the Name field, never failing", async () => {
    session.userId = world.users.admin;
    const names = ["Twin peaks", "Ｔwin peaks", "TWIN PEAKS", "Ｔｗｉｎ ｐｅａｋｓ", "twin peaks"];
    const outcomes = await Promise.all(names.map((name) => invoke(() => groups.createGroupAction(world.tenantId, { name, description: "" }))));
    const values = outcomes.map((outcome) => (outcome as { value: { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> } }).value);
    expect(values.filter((value) => value.ok)).toHaveLength(1);
    const [winner] = await db().group.findMany({ where: { tenantId: world.tenantId, name: { in: names } } });
    for (const value of values.filter((value) => !value.ok)) {
      expect(value.error).toMatch(groupTaken(winner.name));
      expect(value.fieldErrors?.name).toEqual([value.error]);
    }
    await db().group.delete({ where: { id: winner.id } });
  });

  it("createRoleAction lets one win and tells the others which, never failing", async () => {
    session.userId = world.users.admin;
    const names = ["Twin auditors", "Ｔwin auditors", "TWIN AUDITORS", "Ｔｗｉｎ ａｕｄｉｔｏｒｓ"];
    const outcomes = await Promise.all(
      names.map((name) => invoke(() => roles.createRoleAction(world.tenantId, { name, description: "", permissions: { FLOW: ["READ"] } }))),
    );
    const values = outcomes.map((outcome) => (outcome as { value: { ok: boolean; error?: string } }).value);
    expect(values.filter((value) => value.ok)).toHaveLength(1);
    const [winner] = await db().role.findMany({ where: { tenantId: world.tenantId, name: { in: names } } });
    for (const value of values.filter((value) => !value.ok)) expect(value.error).toMatch(roleTaken(winner.name));
    await db().role.delete({ where: { id: winner.id } });
  });
});
