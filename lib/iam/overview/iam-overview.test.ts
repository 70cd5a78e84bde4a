import { beforeAll, describe, expect, it } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { Forbidden } from "@/lib/iam/errors";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";
import { listInvitationPage } from "@/lib/iam/invitations/list-invitations";
import { invitationFiltersSchema } from "@/lib/iam/invitations/invitation-schemas";
import { listDirectoryPage } from "@/lib/iam/users/user-directory";
import { userFiltersSchema } from "@/lib/iam/users/user-filter-schemas";
import { actorFor, bind, createMember, createTenant, insertInvitation, superAdminActor } from "@/test/fixtures";
import { iamOverview } from "./iam-overview";

const NOW = new Date("2030-06-15T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(NOW.getTime() + offset);

let tenant: string;
let root: TenantActor;
let companyAdmin: TenantActor;
/** The arranged invitations, by what each is and which namespaces it concerns ([] = tenant-wide). */
const arranged: { pending: boolean; expiringSoon: boolean; namespaces: string[] }[] = [];

async function memberWithRole(roleName: string, namespace: string | null = null, permissions?: Record<string, string[]>) {
  const user = await createMember(tenant);
  if (permissions) {
    const role = await db().role.create({ data: { tenantId: tenant, name: `${roleName} ${user.id.slice(0, 8)}`, permissions } });
    await db().binding.create({ data: { tenantId: tenant, type: "USER", userId: user.id, roleId: role.id, namespace } });
  } else {
    await bind(tenant, user.id, roleName, namespace);
  }
  return actorFor(user.id, tenant);
}

async function invitation(namespaces: string[], options: { expiresIn: number; acceptedAt?: Date; revokedAt?: Date }) {
  await insertInvitation(tenant, root.id, {
    role: { name: "Viewer", namespaces },
    expiresAt: at(options.expiresIn),
    acceptedAt: options.acceptedAt,
    revokedAt: options.revokedAt,
  });
  const pending = !options.acceptedAt && !options.revokedAt && options.expiresIn > 0;
  arranged.push({ pending, expiringSoon: pending && options.expiresIn <= 3 * DAY, namespaces });
}

beforeAll(async () => {
  tenant = await createTenant();
  const otherTenant = await createTenant();
  root = await superAdminActor(tenant);
  companyAdmin = await memberWithRole("Admin", "company");

  const withFactor = await createMember(tenant);
  await db().secondFactor.create({ data: { userId: withFactor.id, kind: "TOTP", name: "Phone", totpSecret: "sealed", confirmedAt: NOW } });
  // Started but never confirmed: does not count as two-factor (the Users tab's 2FA column agrees).
  const unconfirmed = await createMember(tenant);
  await db().secondFactor.create({ data: { userId: unconfirmed.id, kind: "TOTP", name: "Phone", totpSecret: "sealed" } });
  await createMember(otherTenant);

  await db().group.createMany({ data: ["Ops", "Data"].map((name) => ({ tenantId: tenant, name })) });
  await db().group.create({ data: { tenantId: otherTenant, name: "Elsewhere" } });
  await db().role.create({ data: { tenantId: tenant, name: "Auditor", permissions: { AUDITLOG: ["READ"] } } });

  for (const namespaces of [["company"], ["company.team"], ["other"], []]) {
    await invitation(namespaces, { expiresIn: HOUR });
    await invitation(namespaces, { expiresIn: 3 * DAY });
    await invitation(namespaces, { expiresIn: 3 * DAY + 1 });
    await invitation(namespaces, { expiresIn: 7 * DAY });
    await invitation(namespaces, { expiresIn: -HOUR });
    await invitation(namespaces, { expiresIn: HOUR, acceptedAt: at(-HOUR) });
    await invitation(namespaces, { expiresIn: HOUR, revokedAt: at(-HOUR) });
  }
  await insertInvitation(otherTenant, root.id, { role: { name: "Viewer" }, expiresAt: at(HOUR) });
});

const companyOnly = (namespaces: string[]) => namespaces.length > 0 && namespaces.every((name) => name === "company" || name.startsWith("company."));
const filters = (status: string) => invitationFiltersSchema.parse({ status });

describe("IAM overview (real PostgreSQL)", () => {
  it("counts the tenant's members, those without a confirmed second factor, groups, roles and pending invitations", async () => {
    const overview = await iamOverview(root, NOW);
    const members = await db().tenantAccess.count({ where: { tenantId: tenant } });
    expect(members).toBe(3); // companyAdmin and the two with factors; `root` is a superadmin, not a member
    expect(overview.members).toEqual({ total: members, withoutMfa: members - 1 });
    expect(overview.groups).toBe(2);
    expect(overview.roles).toBe(MANAGED_ROLES.length + 1); // the managed ones and Auditor, none of another tenant's
    expect(overview.invitations).toMatchObject({
      scope: { tenantWide: true },
      pending: arranged.filter((row) => row.pending).length,
      expiringSoon: arranged.filter((row) => row.expiringSoon).length,
    });
    // Four of seven pending per namespace set, two of them expiring within three days (the bound included).
    expect([overview.invitations?.pending, overview.invitations?.expiringSoon]).toEqual([16, 8]);
  });

  it("counts exactly what the linked, filtered tabs list", async () => {
    for (const actor of [root, companyAdmin]) {
      const overview = await iamOverview(actor, NOW);
      expect((await listInvitationPage(actor, filters("PENDING"), NOW)).invitations).toHaveLength(overview.invitations!.pending);
      expect((await listInvitationPage(actor, filters("EXPIRING_SOON"), NOW)).invitations).toHaveLength(overview.invitations!.expiringSoon);
      expect((await listDirectoryPage(actor, userFiltersSchema.parse({ mfa: "off" }))).users).toHaveLength(overview.members!.withoutMfa);
      expect((await listDirectoryPage(actor, userFiltersSchema.parse({}))).users).toHaveLength(overview.members!.total);
    }
  });

  it("counts only the invitations a namespace admin may read; users, groups and roles as their tabs show them", async () => {
    const overview = await iamOverview(companyAdmin, NOW);
    expect(overview.invitations).toMatchObject({
      scope: { tenantWide: false, within: ["company"] },
      pending: arranged.filter((row) => row.pending && companyOnly(row.namespaces)).length,
      expiringSoon: arranged.filter((row) => row.expiringSoon && companyOnly(row.namespaces)).length,
    });
    expect(overview.invitations?.pending).toBe(8); // company and company.team; not other, not tenant-wide
    const tenantWide = await iamOverview(root, NOW);
    expect(overview.members).toEqual(tenantWide.members);
    expect(overview.groups).toBe(tenantWide.groups);
    expect(overview.roles).toBe(tenantWide.roles);
  });

  it("leaves out what the actor may not read rather than counting it as zero", async () => {
    const invitationReader = await memberWithRole("Invitation reader", "other", { INVITATION: ["READ"] });
    const onlyInvitations = await iamOverview(invitationReader, NOW);
    expect(Object.keys(onlyInvitations).filter((key) => onlyInvitations[key as keyof typeof onlyInvitations] !== undefined)).toEqual(["invitations"]);
    expect(onlyInvitations.invitations?.pending).toBe(arranged.filter((row) => row.pending && row.namespaces.join() === "other").length);

    const groupReader = await memberWithRole("Group reader", null, { GROUP: ["READ"] });
    const onlyGroups = await iamOverview(groupReader, NOW);
    expect(onlyGroups).toEqual({ members: undefined, invitations: undefined, groups: 2, roles: undefined });
  });

  it("refuses a Viewer, who reads no IAM section", async () => {
    const viewer = await memberWithRole("Viewer");
    await expect(iamOverview(viewer, NOW)).rejects.toBeInstanceOf(Forbidden);
    const developer = await memberWithRole("Developer", "company");
    await expect(iamOverview(developer, NOW)).rejects.toBeInstanceOf(Forbidden);
  });
});
