import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient, Tx } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TenantActor } from "@/lib/auth/tenant-actor";
import { assertCan } from "@/lib/auth/tenant-actor";
import { audit } from "@/lib/iam/audit";
import { can } from "@/lib/iam/authorization";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/iam/errors";
import { invitationStatus } from "@/lib/iam/invitation-status";
import { ACTIONS, MANAGED_ROLES, PERMISSIONS, type PermissionSet } from "@/lib/iam/permissions";
import { roleSchema, type RoleInput } from "@/lib/iam/schemas/roles";

// Custom roles: create, edit, delete. Managed roles (the seed's Admin, Developer, …) follow the code and are
// read-only here. Role management is tenant-wide only: a role applies wherever it is bound.

export interface RoleSummary {
  id: string;
  name: string;
  description: string;
  isManaged: boolean;
  bindingCount: number;
}

export interface RoleDetail {
  id: string;
  name: string;
  description: string;
  isManaged: boolean;
  permissions: PermissionSet;
}

/** Where a role is in use. Open invitations (neither accepted nor revoked) count: an expired one can be resent. */
export interface RoleUsage {
  bindings: { id: string; subject: "USER" | "GROUP"; label: string; namespace: string | null }[];
  invitations: { id: string; email: string; status: "PENDING" | "EXPIRED" }[];
}

/** Refusal to delete a role still in use; `usage` lets the UI list the places. */
export class RoleInUse extends Conflict {
  constructor(roleName: string, readonly usage: RoleUsage) {
    super(`${roleName} is still in use, so it can't be deleted. Remove it from: ${describeUsage(usage)}.`);
  }
}

export async function listRoles(tenantId: string): Promise<RoleSummary[]> {
  const roles = await db().role.findMany({
    where: { tenantId },
    orderBy: [{ isManaged: "desc" }, { name: "asc" }],
    include: { _count: { select: { bindings: true } } },
  });
  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    description: role.description,
    isManaged: role.isManaged,
    bindingCount: role._count.bindings,
  }));
}

export async function getRole(tenantId: string, roleId: string): Promise<RoleDetail | null> {
  const role = await db().role.findFirst({ where: { id: roleId, tenantId } });
  if (!role) return null;
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    isManaged: role.isManaged,
    permissions: role.permissions as PermissionSet,
  };
}

export async function roleUsage(client: DbClient, roleId: string, now = new Date()): Promise<RoleUsage> {
  const [bindings, invitationRoles] = await Promise.all([
    client.binding.findMany({
      where: { roleId },
      include: { user: { select: { email: true } }, group: { select: { name: true } } },
      orderBy: [{ type: "asc" }, { createdAt: "asc" }],
    }),
    client.invitationRole.findMany({
      where: { roleId, invitation: { acceptedAt: null, revokedAt: null } },
      include: { invitation: { select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true } } },
    }),
  ]);
  return {
    bindings: bindings.map((binding) => ({
      id: binding.id,
      subject: binding.type,
      label: binding.user?.email ?? binding.group?.name ?? "(unknown)",
      namespace: binding.namespace,
    })),
    invitations: invitationRoles
      .map(({ invitation }) => ({
        id: invitation.id,
        email: invitation.email,
        status: invitationStatus(invitation, now) === "EXPIRED" ? ("EXPIRED" as const) : ("PENDING" as const),
      }))
      .sort((a, b) => a.email.localeCompare(b.email)),
  };
}

/** Each permission × action cell the actor holds tenant-wide: what they may put into a role. */
export function grantablePermissions(actor: TenantActor): PermissionSet {
  const grantable: PermissionSet = {};
  for (const permission of PERMISSIONS) {
    const actions = ACTIONS.filter((action) => can(actor.principal, permission, action, { tenant: actor.tenantId }));
    if (actions.length) grantable[permission] = actions;
  }
  return grantable;
}

export async function createRole(actor: TenantActor, input: RoleInput): Promise<{ id: string }> {
  assertCan(actor, "ROLE", "CREATE");
  const data = parse(input);
  assertHoldsAll(actor, data.permissions, "You can only put permissions you hold tenant-wide into a role.");
  return withNameConflicts(data.name, () =>
    db().$transaction(async (tx) => {
      await assertNameAvailable(tx, actor.tenantId, data.name);
      const role = await tx.role.create({ data: { tenantId: actor.tenantId, ...data } });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "ROLE",
        resourceId: role.id,
        action: "CREATE",
        details: `Created role ${role.name}`,
        after: snapshot(data),
      });
      return { id: role.id };
    }),
  );
}

export async function updateRole(actor: TenantActor, roleId: string, input: RoleInput): Promise<void> {
  assertCan(actor, "ROLE", "UPDATE");
  const data = parse(input);
  await withNameConflicts(data.name, () =>
    db().$transaction(async (tx) => {
      const role = await findCustomRole(tx, actor.tenantId, roleId, "changed");
      const before = { name: role.name, description: role.description, permissions: role.permissions as PermissionSet };
      // Both old and new: removing permissions you don't hold would strip others of rights you can't judge.
      assertHoldsAll(actor, before.permissions, `You can only change ${role.name} if you hold all of its permissions tenant-wide yourself.`);
      assertHoldsAll(actor, data.permissions, "You can only put permissions you hold tenant-wide into a role.");
      if (data.name.toLowerCase() !== role.name.toLowerCase()) await assertNameAvailable(tx, actor.tenantId, data.name);
      else if (data.name !== role.name) assertNotManagedName(data.name);
      await tx.role.update({ where: { id: role.id }, data });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "ROLE",
        resourceId: role.id,
        action: "UPDATE",
        details: data.name === role.name ? `Updated role ${role.name}` : `Updated role ${role.name} (renamed to ${data.name})`,
        before: snapshot(before),
        after: snapshot(data),
      });
    }),
  );
}

export async function deleteRole(actor: TenantActor, roleId: string): Promise<void> {
  assertCan(actor, "ROLE", "DELETE");
  await db().$transaction(async (tx) => {
    const role = await findCustomRole(tx, actor.tenantId, roleId, "deleted");
    // Lock the role row: a binding created concurrently must either see the role gone or block this delete.
    await tx.$queryRaw`SELECT id FROM roles WHERE id = ${role.id}::uuid FOR UPDATE`;
    const usage = await roleUsage(tx, role.id);
    if (usage.bindings.length || usage.invitations.length) throw new RoleInUse(role.name, usage);
    // Accepted and revoked invitations are history, and their foreign key would otherwise keep the role
    // forever; what they granted stays in the audit log.
    const detached = await tx.invitationRole.deleteMany({ where: { roleId: role.id } });
    await tx.role.delete({ where: { id: role.id } });
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "ROLE",
      resourceId: role.id,
      action: "DELETE",
      details: `Deleted role ${role.name}${detached.count ? ` (removed from ${detached.count} closed invitation(s))` : ""}`,
      before: snapshot({ name: role.name, description: role.description, permissions: role.permissions as PermissionSet }),
    });
  });
}

function parse(input: RoleInput): RoleInput {
  const parsed = roleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  throw new Invalid("Check the highlighted fields.", fieldErrors);
}

function assertHoldsAll(actor: TenantActor, permissions: PermissionSet, message: string) {
  const missing = Object.entries(permissions).flatMap(([permission, actions]) =>
    (actions ?? [])
      .filter((action) => !can(actor.principal, permission as keyof PermissionSet, action, { tenant: actor.tenantId }))
      .map((action) => `${permission} ${action}`),
  );
  if (missing.length) throw new Forbidden(`${message} You don't hold: ${missing.join(", ")}.`);
}

async function findCustomRole(tx: Tx, tenantId: string, roleId: string, verb: "changed" | "deleted") {
  const role = await tx.role.findFirst({ where: { id: roleId, tenantId } });
  if (!role) throw new NotFound("That role no longer exists.");
  if (role.isManaged) throw new Forbidden(`${role.name} is a managed role: it is read-only and can't be ${verb}.`);
  return role;
}

function assertNotManagedName(name: string) {
  const managed = MANAGED_ROLES.find((role) => role.name.toLowerCase() === name.toLowerCase());
  if (managed) throw new Conflict(`${managed.name} is the name of a managed role. Choose another name.`);
}

/** Names are unique per tenant regardless of case, so "auditor" and "Auditor" can't be told apart in pickers. */
async function assertNameAvailable(tx: Tx, tenantId: string, name: string) {
  assertNotManagedName(name);
  const existing = await tx.role.findFirst({ where: { tenantId, name: { equals: name, mode: "insensitive" } } });
  if (existing?.isManaged) throw new Conflict(`${existing.name} is the name of a managed role. Choose another name.`);
  if (existing) throw new Conflict(`A role named ${existing.name} already exists. Choose another name.`);
}

/** Two concurrent creates can both pass the check; the unique index decides, and the loser gets the same message. */
async function withNameConflicts<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Conflict(`A role named ${name} already exists. Choose another name.`);
    }
    throw error;
  }
}

function snapshot(role: { name: string; description: string; permissions: PermissionSet }) {
  return { name: role.name, description: role.description, permissions: role.permissions };
}

function describeUsage(usage: RoleUsage): string {
  const places = [
    ...usage.bindings.map(
      (binding) => `${binding.subject === "USER" ? "user" : "group"} ${binding.label} (${binding.namespace ? `on ${binding.namespace}` : "tenant-wide"})`,
    ),
    ...usage.invitations.map((invitation) => `${invitation.status === "EXPIRED" ? "expired" : "pending"} invitation for ${invitation.email}`),
  ];
  const shown = places.slice(0, 10).join("; ");
  return places.length > 10 ? `${shown}; and ${places.length - 10} more` : shown;
}
