import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant } from "@/test/fixtures";
import { withFailingWrite } from "@/test/injected-failure";
import { Forbidden, Invalid } from "@/lib/iam/errors";
import { setUsersDisabled } from "./user-writes";

// The Users tab's bulk Disable and Enable against real PostgreSQL: setUserDisabled's rules per row, one transaction.

let tenant: string;
let admin: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await createMember(tenant);
  await bind(tenant, admin.id, "Admin");
});

const flag = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).disabled;
const withSession = async (userId: string) => db().session.create({ data: { userId, expiresAt: new Date(Date.now() + 86_400_000) } });

describe("setUsersDisabled (real PostgreSQL)", () => {
  it("disables each member the single action would, skips the others with its reasons, ends their sessions and audits each", async () => {
    const [first, second, alreadyDisabled, superadmin, shared] = await Promise.all([
      createMember(tenant),
      createMember(tenant),
      createMember(tenant),
      createMember(tenant, { superAdmin: true }),
      createMember(tenant),
    ]);
    await db().user.update({ where: { id: alreadyDisabled.id }, data: { disabled: true } });
    await db().tenantAccess.create({ data: { tenantId: await createTenant(), userId: shared.id } });
    const stranger = await createMember(await createTenant());
    for (const user of [first, second, superadmin]) await withSession(user.id);
    const missing = randomUUID();

    const rows = await setUsersDisabled(
      await actorFor(admin.id, tenant),
      [first.id, alreadyDisabled.id, admin.id, superadmin.id, shared.id, stranger.id, missing, second.id],
      true,
    );

    expect(rows).toEqual([
      { id: first.id, email: first.email, outcome: "disabled" },
      { id: alreadyDisabled.id, email: alreadyDisabled.email, outcome: "skipped", reason: "Already disabled." },
      { id: admin.id, email: admin.email, outcome: "skipped", reason: "You can't disable yourself." },
      { id: superadmin.id, email: superadmin.email, outcome: "skipped", reason: "Only a superadmin can disable a superadmin." },
      { id: shared.id, email: shared.email, outcome: "skipped", reason: `${shared.email} also belongs to other tenants; only a superadmin can disable them.` },
      // A member of another tenant only reads exactly like an id nobody has.
      { id: stranger.id, email: null, outcome: "skipped", reason: "That user is not a member of this tenant." },
      { id: missing, email: null, outcome: "skipped", reason: "That user is not a member of this tenant." },
      { id: second.id, email: second.email, outcome: "disabled" },
    ]);
    expect(await Promise.all([first, second].map((user) => flag(user.id)))).toEqual([true, true]);
    expect(await Promise.all([admin, superadmin, shared, stranger].map((user) => flag(user.id)))).toEqual([false, false, false, false]);
    expect(await db().session.count({ where: { userId: { in: [first.id, second.id] } } })).toBe(0);
    expect(await db().session.count({ where: { userId: superadmin.id } })).toBe(1);

    const entries = await db().auditLog.findMany({ where: { tenantId: tenant, resourceType: "USER", resourceId: { in: rows.map((row) => row.id) } }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.resourceId, entry.details, entry.before, entry.after, entry.namespaces])).toEqual([
      [first.id, `Disabled ${first.email}`, { disabled: false }, { disabled: true }, []],
      [second.id, `Disabled ${second.email}`, { disabled: false }, { disabled: true }, []],
    ]);
    const [{ transactions }] = await db().$queryRawUnsafe<{ transactions: number }[]>(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM (
         SELECT xmin FROM users WHERE id = ANY($1::uuid[]) UNION ALL SELECT xmin FROM audit_logs WHERE resource_id = ANY($2::text[])) AS written`,
      [first.id, second.id],
      [first.id, second.id],
    );
    expect(transactions).toBe(1);
  });

  it("lets a superadmin disable superadmins and people of other tenants; enabling skips who is enabled already", async () => {
    const superadmin = await createMember(tenant, { superAdmin: true });
    const [other, shared] = await Promise.all([createMember(tenant, { superAdmin: true }), createMember(tenant)]);
    await db().tenantAccess.create({ data: { tenantId: await createTenant(), userId: shared.id } });
    const actor = await actorFor(superadmin.id, tenant);

    expect((await setUsersDisabled(actor, [other.id, shared.id], true)).map((row) => row.outcome)).toEqual(["disabled", "disabled"]);
    const enabled = await setUsersDisabled(actor, [other.id, admin.id], false);
    expect(enabled).toEqual([
      { id: other.id, email: other.email, outcome: "enabled" },
      { id: admin.id, email: admin.email, outcome: "skipped", reason: "Already enabled." },
    ]);
    expect(await flag(other.id)).toBe(false);
    expect(await flag(shared.id)).toBe(true);
    const entry = await db().auditLog.findFirstOrThrow({ where: { resourceId: other.id, details: { startsWith: "Enabled" } } });
    expect([entry.before, entry.after]).toEqual([{ disabled: true }, { disabled: false }]);
  });

  it("refuses the whole request to a delegated admin (disabling is tenant-wide) and malformed selections", async () => {
    const teamAdmin = await createMember(tenant);
    await bind(tenant, teamAdmin.id, "Admin", "company.team");
    const user = await createMember(tenant);
    await expect(setUsersDisabled(await actorFor(teamAdmin.id, tenant), [user.id], true)).rejects.toThrow(Forbidden);
    await expect(setUsersDisabled(await actorFor(teamAdmin.id, tenant), [user.id], true)).rejects.toThrow(/USER:UPDATE/);
    const actor = await actorFor(admin.id, tenant);
    await expect(setUsersDisabled(actor, [], true)).rejects.toThrow(Invalid);
    await expect(setUsersDisabled(actor, Array.from({ length: 101 }, () => randomUUID()), true)).rejects.toThrow(Invalid);
    await expect(setUsersDisabled(actor, "not a list", true)).rejects.toThrow(Invalid);
    expect(await flag(user.id)).toBe(false);
  });

  it("changes nothing when the transaction fails partway: users disabled before the failure are enabled again", async () => {
    const [first, second, third] = await Promise.all([createMember(tenant), createMember(tenant), createMember(tenant)]);
    for (const user of [first, second, third]) await withSession(user.id);
    // Ending the second user's sessions fails, after every flag is set and the first user's sessions are gone.
    await withFailingWrite({ table: "sessions", event: "DELETE", column: "user_id", value: second.id }, async () => {
      await expect(setUsersDisabled(await actorFor(admin.id, tenant), [first.id, second.id, third.id], true)).rejects.toThrow(/injected failure/);
    });
    expect(await Promise.all([first, second, third].map((user) => flag(user.id)))).toEqual([false, false, false]);
    expect(await db().session.count({ where: { userId: { in: [first.id, second.id, third.id] } } })).toBe(3);
    expect(await db().auditLog.count({ where: { resourceId: { in: [first.id, second.id, third.id] } } })).toBe(0);
  });
});
