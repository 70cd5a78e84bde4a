import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertRecentAuthentication, isAdministrativeRole } from "@/lib/iam/mfa/step-up";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { audit } from "@/lib/iam/audit/write-audit";
import { holdsAll } from "@/lib/iam/authz/engine";
import { bindingConcerns } from "@/lib/iam/authz/concerns";
import { Conflict, Forbidden, NotFound } from "@/lib/iam/errors";
import type { PermissionSet } from "@/lib/iam/authz/permissions";
import type { AddBindingInput } from "@/lib/iam/bindings/binding-schemas";

export type BindingSubject = { type: "USER"; userId: string } | { type: "GROUP"; groupId: string };

/**
 * Binds a role to a user or group, tenant-wide or once per namespace. No privilege escalation: the actor needs
 * BINDING:CREATE there and must hold every permission of the role there themself.
 */
export async function addBindings(actor: TenantActor, subject: BindingSubject, input: AddBindingInput): Promise<{ created: number }> {
  const tenantId = actor.tenantId;
  const scopes: (string | null)[] = input.namespaces.length ? [...new Set(input.namespaces)] : [null];
  return db().$transaction(async (tx) => {
    const role = await tx.role.findFirst({ where: { id: input.roleId, tenantId } });
    if (!role) throw new NotFound("That role no longer exists.");
    await assertSubjectInTenant(tx, subject, tenantId);
    await assertNamespacesRegistered(tx, tenantId, input.namespaces);
    for (const namespace of scopes) {
      assertCan(actor, "BINDING", "CREATE", namespace);
      if (!holdsAll(actor.principal, role.permissions as PermissionSet, { tenant: tenantId, namespace })) {
        throw new Forbidden(`You can only grant ${role.name}${namespace ? ` on ${namespace}` : " tenant-wide"} if you hold all of its permissions there.`);
      }
      // A binding for a group would otherwise let anyone added to the group later inherit it: delegated admins
      // (namespace-scoped) may not bind groups at all, per docs/rules.md § Delegation.
      if (subject.type === "GROUP") assertCan(actor, "BINDING", "CREATE");
    }
    // Granting an administrative role needs a recent authentication (docs/rules.md § Two-factor authentication 5).
    if (isAdministrativeRole(role.permissions as PermissionSet)) assertRecentAuthentication(actor);
    const subjectWhere = subject.type === "USER" ? { userId: subject.userId } : { groupId: subject.groupId };
    const existing = await tx.binding.findMany({ where: { tenantId, roleId: role.id, ...subjectWhere }, select: { namespace: true } });
    const fresh = scopes.filter((namespace) => !existing.some((binding) => binding.namespace === namespace));
    if (fresh.length === 0) throw new Conflict(`${role.name} is already bound there.`);
    for (const namespace of fresh) {
      const binding = await tx.binding.create({ data: { tenantId, type: subject.type, roleId: role.id, namespace, ...subjectWhere } });
      await audit(tx, {
        tenantId,
        actor,
        resourceType: "BINDING",
        resourceId: binding.id,
        action: "CREATE",
        details: `Bound ${role.name} ${namespace ? `on ${namespace}` : "tenant-wide"} to ${await subjectLabel(tx, subject)}`,
        after: { role: role.name, namespace, subject: subject.type, ...subjectWhere },
        namespaces: bindingConcerns(namespace),
      });
    }
    return { created: fresh.length };
  });
}

export async function removeBinding(actor: TenantActor, bindingId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const binding = await tx.binding.findFirst({ where: { id: bindingId, tenantId: actor.tenantId }, include: { role: true } });
    if (!binding) throw new NotFound("That binding no longer exists.");
    assertCan(actor, "BINDING", "DELETE", binding.namespace);
    if (binding.type === "GROUP") assertCan(actor, "BINDING", "DELETE");
    await tx.binding.delete({ where: { id: binding.id } });
    const subject: BindingSubject = binding.userId ? { type: "USER", userId: binding.userId } : { type: "GROUP", groupId: binding.groupId! };
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "BINDING",
      resourceId: binding.id,
      action: "DELETE",
      details: `Removed ${binding.role.name} ${binding.namespace ? `on ${binding.namespace}` : "tenant-wide"} from ${await subjectLabel(tx, subject)}`,
      before: { role: binding.role.name, namespace: binding.namespace, subject: binding.type, userId: binding.userId, groupId: binding.groupId },
      namespaces: bindingConcerns(binding.namespace),
    });
  });
}

async function assertSubjectInTenant(tx: Tx, subject: BindingSubject, tenantId: string) {
  const exists =
    subject.type === "USER"
      ? await tx.tenantAccess.findUnique({ where: { tenantId_userId: { tenantId, userId: subject.userId } } })
      : await tx.group.findFirst({ where: { id: subject.groupId, tenantId } });
  if (!exists) throw new NotFound(subject.type === "USER" ? "That user is not a member of this tenant." : "That group no longer exists.");
}

/**
 * The namespaces exist and stay until the caller's transaction ends: FOR SHARE makes a concurrent deleteNamespace
 * (which locks its row FOR UPDATE before counting the namespace's uses) wait, so it sees what this transaction adds
 * and refuses, instead of leaving a binding or invitation on a namespace that is gone (and would grant access again
 * to whatever is later created under that name).
 */
export async function assertNamespacesRegistered(tx: Tx, tenantId: string, namespaces: string[]) {
  if (namespaces.length === 0) return;
  const known = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM namespaces WHERE tenant_id = ${tenantId} AND name = ANY(${namespaces}::text[]) ORDER BY name FOR SHARE`;
  const missing = namespaces.filter((name) => !known.some((namespace) => namespace.name === name));
  if (missing.length) throw new NotFound(`Unknown namespace: ${missing.join(", ")}. Add it under IAM › Namespaces first.`);
}

async function subjectLabel(tx: Tx, subject: BindingSubject): Promise<string> {
  if (subject.type === "USER") {
    const user = await tx.user.findUnique({ where: { id: subject.userId }, select: { email: true } });
    return `user ${user?.email ?? subject.userId}`;
  }
  const group = await tx.group.findUnique({ where: { id: subject.groupId }, select: { name: true } });
  return `group ${group?.name ?? subject.groupId}`;
}
