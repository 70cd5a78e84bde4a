import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient, Tx } from "@/lib/db/types";
import { onUniqueViolation } from "@/lib/db/unique-violation";
import { audit } from "@/lib/iam/audit/write-audit";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { can } from "@/lib/iam/authz/engine";
import { MANAGED_ROLES, type PermissionSet } from "@/lib/iam/authz/permissions";
import { readScope } from "@/lib/iam/authz/read-scope";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import { lookAlikeNote, looksAlike, lookAlikeWhere, nameKeys } from "@/lib/iam/names/look-alikes";
import { parseInput } from "@/lib/iam/parse-input";
import { roleUsage } from "@/lib/iam/roles/role-reads";
import { roleSchema, type RoleInput } from "@/lib/iam/roles/role-schemas";
import { ROLE_USAGE_COUNT_CAP, type RoleUsage } from "@/lib/iam/roles/role-usage";

// Custom roles: create, edit, delete. Managed roles (the seed's Admin, Developer, …) follow the code and are
// read-only here. Role management is tenant-wide only: a role applies wherever it is bound.

/** Refusal to delete a role still in use; `usage` lets the UI list the places. */
export class RoleInUse extends Conflict {
  constructor(roleName: string, readonly usage: RoleUsage) {
    super(`${roleName} is still in use, so it can't be deleted. Remove it from: ${describeUsage(usage)}.`);
  }
}

export async function createRole(actor: TenantActor, input: RoleInput): Promise<{ id: string }> {
  assertCan(actor, "ROLE", "CREATE");
  const data = parseInput(roleSchema, input);
  assertHoldsAll(actor, data.permissions, "You can only put permissions you hold tenant-wide into a role.");
  return withNameConflicts(actor.tenantId, data.name, undefined, () =>
    db().$transaction(async (tx) => {
      await assertNameAvailable(tx, actor.tenantId, data.name);
      const role = await tx.role.create({ data: { tenantId: actor.tenantId, ...data, ...nameKeys(data.name) } });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "ROLE",
        resourceId: role.id,
        action: "CREATE",
        details: `Created role ${role.name}`,
        after: snapshot(data),
        namespaces: TENANT_WIDE,
      });
      return { id: role.id };
    }),
  );
}

export async function updateRole(actor: TenantActor, roleId: string, input: RoleInput): Promise<void> {
  assertCan(actor, "ROLE", "UPDATE");
  const data = parseInput(roleSchema, input);
  await withNameConflicts(actor.tenantId, data.name, roleId, () =>
    db().$transaction(async (tx) => {
      const role = await findCustomRole(tx, actor.tenantId, roleId, "changed");
      const before = { name: role.name, description: role.description, permissions: role.permissions as PermissionSet };
      // Both old and new: removing permissions you don't hold would strip others of rights you can't judge.
      assertHoldsAll(actor, before.permissions, `You can only change ${role.name} if you hold all of its permissions tenant-wide yourself.`);
      assertHoldsAll(actor, data.permissions, "You can only put permissions you hold tenant-wide into a role.");
      const renamed = data.name !== role.name;
      // Its own name in another case (or one that looks like it) is fine: the role itself is excluded.
      if (renamed) await assertNameAvailable(tx, actor.tenantId, data.name, role.id);
      // Keys change with the name only: a permissions edit leaves an unkeyed older look-alike as it is.
      await tx.role.update({ where: { id: role.id }, data: { ...data, ...(renamed ? nameKeys(data.name) : {}) } });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "ROLE",
        resourceId: role.id,
        action: "UPDATE",
        details: data.name === role.name ? `Updated role ${role.name}` : `Updated role ${role.name} (renamed to ${data.name})`,
        before: snapshot(before),
        after: snapshot(data),
        namespaces: TENANT_WIDE,
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
    const usage = await roleUsage(tx, role.id, readScope(actor.principal, "INVITATION", actor.tenantId));
    if (usage.bindingCount || usage.invitationCount) throw new RoleInUse(role.name, usage);
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
      namespaces: TENANT_WIDE,
    });
  });
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

/**
 * Names are unique per tenant regardless of case and of look-alike characters, so "auditor", "Auditor" and
 * "Ａuditor" can't be told apart in pickers, and no custom role passes for a managed one ("Ａｄｍｉｎ" for "Admin"):
 * the managed names are refused whether or not this tenant has those rows.
 */
async function assertNameAvailable(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const managed = MANAGED_ROLES.find((role) => looksAlike(role.name, name));
  if (managed) throw nameTaken({ name: managed.name, isManaged: true }, name);
  const existing = await lookAlikeRole(tx, tenantId, name, exceptId);
  if (existing) throw nameTaken(existing, name);
}

/** Another role of the tenant with this name in another case, or either of its look-alike keys. */
async function lookAlikeRole(client: DbClient, tenantId: string, name: string, exceptId?: string) {
  return client.role.findFirst({ where: lookAlikeWhere(tenantId, name, exceptId), select: { name: true, isManaged: true } });
}

function nameTaken(existing: { name: string; isManaged: boolean }, name: string): Conflict {
  const note = lookAlikeNote(existing.name, name);
  return existing.isManaged
    ? new Conflict(`"${existing.name}" is the name of a managed role${note}. Choose another name.`)
    : new Conflict(`A role named "${existing.name}" already exists${note}. Choose another name.`);
}

/**
 * Two concurrent creates (or renames) can both pass the check; a unique index decides, and the loser is told which
 * role won, read after its own transaction has rolled back.
 */
function withNameConflicts<T>(tenantId: string, name: string, exceptId: string | undefined, run: () => Promise<T>): Promise<T> {
  return onUniqueViolation(run, async () => nameTaken((await lookAlikeRole(db(), tenantId, name, exceptId)) ?? { name, isManaged: false }, name));
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
  const total = usage.bindingCount + usage.invitationCount;
  const shown = places.slice(0, 10).join("; ");
  if (Math.max(usage.bindingCount, usage.invitationCount) > ROLE_USAGE_COUNT_CAP) return `${shown}; and more than ${ROLE_USAGE_COUNT_CAP.toLocaleString("en")} more`;
  return total > 10 ? `${shown}; and ${(total - 10).toLocaleString("en")} more` : shown;
}
