import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, bind, createMember, createTenant, roleId, unique } from "@/test/fixtures";
import { createInvitations } from "./create-bulk-invitations";
import { Forbidden, NotFound } from "@/lib/iam/errors";
import { createInvitation } from "./create-invitation";
import { inviteSchema } from "./invitation-schemas";
import { hashToken } from "./invitation-tokens";

// Email is not configured in this file: every invited row carries its link to share by hand.
const ORIGIN = "http://console.test";
let tenant: string;
let admin: Awaited<ReturnType<typeof actorFor>>;
let teamAdmin: Awaited<ReturnType<typeof actorFor>>;

beforeAll(async () => {
  tenant = await createTenant();
  const adminUser = await createMember(tenant);
  const teamAdminUser = await createMember(tenant);
  await bind(tenant, adminUser.id, "Admin");
  await bind(tenant, teamAdminUser.id, "Admin", "company.team");
  admin = await actorFor(adminUser.id, tenant);
  teamAdmin = await actorFor(teamAdminUser.id, tenant);
});

const address = () => `${unique("bulk")}@test.example`;
const viewer = async (namespaces: string[] = []) => ({ mode: "ROLE" as const, roleId: await roleId(tenant, "Viewer"), namespaces });
const tokenOf = (link: string) => link.split("/invitations/")[1];

describe("createInvitations (real PostgreSQL)", () => {
  it("reports every entry in the order given: invited with its link, malformed, repeated", async () => {
    const [a, b] = [address(), address()];
    const rows = await createInvitations(admin, [a, "not-an-email", ` ${b.toUpperCase()} `, a.toUpperCase(), "x".repeat(300)], await viewer(["company.team"]), ORIGIN);
    expect(rows.map((row) => [row.email, row.outcome])).toEqual([
      [a, "invited"],
      ["not-an-email", "invalid"],
      [b, "invited"],
      [a, "duplicate"],
      ["x".repeat(254), "invalid"],
    ]);
    expect(rows[1].message).toBe("Enter a valid email address");
    expect(rows[0]).toMatchObject({ message: "Invited: share the link", link: expect.stringMatching(/^http:\/\/console\.test\/invitations\/[A-Za-z0-9_-]{43}$/) });
    expect(rows[3].link).toBeUndefined();

    for (const row of [rows[0], rows[2]]) {
      const invitation = await db().invitation.findFirstOrThrow({ where: { tenantId: tenant, email: row.email }, include: { roles: true } });
      expect(invitation.tokenHash).toBe(hashToken(tokenOf(row.link!)));
      expect(invitation).toMatchObject({ invitedById: admin.id, superAdmin: false, deliveryStatus: "NOT_CONFIGURED", acceptedAt: null, revokedAt: null });
      expect(invitation.roles).toMatchObject([{ roleId: (await viewer()).roleId, namespaces: ["company.team"] }]);
      // Timestamps are UTC like every other row Prisma writes.
      expect(Math.abs(invitation.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect((invitation.expiresAt.getTime() - invitation.createdAt.getTime()) / 86_400_000).toBeCloseTo(7, 1);
      const entry = await db().auditLog.findFirstOrThrow({ where: { resourceType: "INVITATION", resourceId: invitation.id, action: "CREATE" } });
      expect(entry).toMatchObject({ tenantId: tenant, actorId: admin.id, actorEmail: admin.email, details: `Invited ${row.email}: Viewer on company.team`, namespaces: ["company.team"] });
      expect(invitation.namespaces).toEqual(["company.team"]);
      expect(JSON.stringify(entry.after)).not.toContain(tokenOf(row.link!));
    }
    expect(await db().invitation.count({ where: { tenantId: tenant, email: a } })).toBe(1);
  });

  it("applies the single-invite rules per address: member, existing account, pending invitation", async () => {
    const member = await createMember(tenant);
    const outsider = await createMember(await createTenant());
    const pendingEmail = address();
    const first = await createInvitation(admin, inviteSchema.parse({ email: pendingEmail, access: await viewer() }), ORIGIN);
    const rows = await createInvitations(admin, [member.email, outsider.email, pendingEmail], await viewer(["other"]), ORIGIN);
    expect(rows.map((row) => row.outcome)).toEqual(["already-member", "access-granted", "already-pending"]);
    expect(rows.every((row) => row.link === undefined)).toBe(true);
    expect(await db().binding.count({ where: { tenantId: tenant, userId: outsider.id, namespace: "other" } })).toBe(1);
    // Granted at once what an invitation would have: recorded as concerning the same namespaces.
    expect(await db().auditLog.findMany({ where: { tenantId: tenant, resourceType: "TENANT_ACCESS", resourceId: outsider.id }, select: { namespaces: true } })).toEqual([
      { namespaces: ["other"] },
    ]);
    expect(await db().invitation.count({ where: { tenantId: tenant, email: pendingEmail } })).toBe(1);
    expect(first.kind).toBe("invited");
  });

  it("into groups: each invitation grants every chosen group", async () => {
    const groups = await Promise.all([1, 2].map((n) => db().group.create({ data: { tenantId: tenant, name: unique(`g${n}`) } })));
    const rows = await createInvitations(admin, [address(), address()], { mode: "GROUP", groupIds: groups.map((group) => group.id) }, ORIGIN);
    for (const row of rows) {
      const invitation = await db().invitation.findFirstOrThrow({ where: { tenantId: tenant, email: row.email }, include: { groups: true, roles: true } });
      expect(invitation.groups.map((group) => group.groupId).sort()).toEqual(groups.map((group) => group.id).sort());
      expect(invitation.roles).toEqual([]);
    }
  });

  it("authorizes the access once: an access the actor may not grant fails the whole request and writes nothing", async () => {
    const emails = [address(), address()];
    await expect(createInvitations(teamAdmin, emails, await viewer(), ORIGIN)).rejects.toThrow(Forbidden);
    await expect(createInvitations(teamAdmin, emails, await viewer(["other"]), ORIGIN)).rejects.toThrow(Forbidden);
    const group = await db().group.create({ data: { tenantId: tenant, name: unique("g") } });
    await expect(createInvitations(teamAdmin, emails, { mode: "GROUP", groupIds: [group.id] }, ORIGIN)).rejects.toThrow(Forbidden);
    await db().group.delete({ where: { id: group.id } });
    await expect(createInvitations(admin, emails, { mode: "GROUP", groupIds: [group.id] }, ORIGIN)).rejects.toThrow(NotFound);
    expect(await db().invitation.count({ where: { email: { in: emails } } })).toBe(0);
    // A delegated admin within their namespace is fine.
    const rows = await createInvitations(teamAdmin, emails, await viewer(["company.team.data"]), ORIGIN);
    expect(rows.map((row) => row.outcome)).toEqual(["invited", "invited"]);
  });

  it("sends nothing to the database when no entry is a valid address", async () => {
    const before = await db().auditLog.count({ where: { tenantId: tenant } });
    expect(await createInvitations(admin, ["nope", "nope", "@x"], await viewer(), ORIGIN)).toMatchObject([{ outcome: "invalid" }, { outcome: "invalid" }, { outcome: "invalid" }]);
    expect(await db().auditLog.count({ where: { tenantId: tenant } })).toBe(before);
  });

  it("overlapping invites at the same moment, bulk or single, in any order: one invitation per address, no deadlock", async () => {
    const emails = Array.from({ length: 40 }, address);
    const access = await viewer();
    const results = await Promise.all([
      createInvitations(admin, emails, access, ORIGIN),
      createInvitations(admin, [...emails].reverse(), access, ORIGIN),
      createInvitations(admin, emails.slice(10, 30), access, ORIGIN),
      ...emails.slice(0, 5).map((email) => createInvitation(admin, inviteSchema.parse({ email, access }), ORIGIN)),
    ]);
    expect(results).toHaveLength(8);
    for (const email of emails) expect(await db().invitation.count({ where: { tenantId: tenant, email } })).toBe(1);
    const bulkRows = results.slice(0, 3).flat() as { email: string; outcome: string }[];
    const singles = results.slice(3) as { kind: string }[];
    const invited = bulkRows.filter((row) => row.outcome === "invited").length + singles.filter((outcome) => outcome.kind === "invited").length;
    expect(invited).toBe(40);
  });

  it("accepts 500 addresses in one transaction (timing printed, see the report)", async () => {
    const emails = Array.from({ length: 500 }, address);
    const started = performance.now();
    const rows = await createInvitations(admin, emails, await viewer(["company"]), ORIGIN);
    console.log(`[bench] createInvitations: 500 invitations (email not configured) in ${Math.round(performance.now() - started)} ms`);
    expect(rows.filter((row) => row.outcome === "invited")).toHaveLength(500);
    expect(new Set(rows.map((row) => row.link)).size).toBe(500);
    expect(await db().invitation.count({ where: { tenantId: tenant, email: { in: emails } } })).toBe(500);
    expect(await db().auditLog.count({ where: { tenantId: tenant, resourceType: "INVITATION", action: "CREATE", details: { contains: "bulk-" } } })).toBeGreaterThanOrEqual(500);
  });
});
