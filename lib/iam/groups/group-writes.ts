import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient, Tx } from "@/lib/db/types";
import { onUniqueViolation } from "@/lib/db/unique-violation";
import { plural } from "@/lib/format";
import { audit } from "@/lib/iam/audit/write-audit";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCan } from "@/lib/iam/authz/assert-can";
import { TENANT_WIDE } from "@/lib/iam/authz/concerns";
import { NameTaken, NotFound } from "@/lib/iam/errors";
import { bindingInclude } from "@/lib/iam/groups/group-reads";
import { groupFormSchema, groupIdSchema, type GroupForm } from "@/lib/iam/groups/group-schemas";
import { lookAlikeNote, lookAlikeWhere, nameKeys } from "@/lib/iam/names/look-alikes";
import { parseInput } from "@/lib/iam/parse-input";

// Groups: create, rename, delete, each audited in its own transaction. Reads are in group-reads.ts.

export async function createGroup(actor: TenantActor, form: GroupForm): Promise<{ id: string }> {
  assertCan(actor, "GROUP", "CREATE");
  const input = parseInput(groupFormSchema, form);
  return withNameConflict(actor.tenantId, input.name, undefined, () =>
    db().$transaction(async (tx) => {
      await assertNameFree(tx, actor.tenantId, input.name);
      const group = await tx.group.create({
        data: { tenantId: actor.tenantId, name: input.name, ...nameKeys(input.name), description: input.description },
      });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "GROUP",
        resourceId: group.id,
        action: "CREATE",
        details: `Created group ${group.name}`,
        after: { name: group.name, description: group.description },
        namespaces: TENANT_WIDE,
      });
      return { id: group.id };
    }),
  );
}

/** Renames and/or re-describes a group; an unchanged form writes nothing. */
export async function updateGroup(actor: TenantActor, groupId: string, form: GroupForm): Promise<void> {
  assertCan(actor, "GROUP", "UPDATE");
  const input = parseInput(groupFormSchema, form);
  await withNameConflict(actor.tenantId, input.name, groupId, () =>
    db().$transaction(async (tx) => {
      const group = await findGroup(tx, actor.tenantId, groupId);
      if (group.name === input.name && group.description === input.description) return;
      const renamed = group.name !== input.name;
      if (renamed) await assertNameFree(tx, actor.tenantId, input.name, group.id);
      // Keys change with the name only: a description edit leaves an unkeyed older look-alike as it is.
      await tx.group.update({
        where: { id: group.id },
        data: { name: input.name, ...(renamed ? nameKeys(input.name) : {}), description: input.description },
      });
      await audit(tx, {
        tenantId: actor.tenantId,
        actor,
        resourceType: "GROUP",
        resourceId: group.id,
        action: "UPDATE",
        details: group.name === input.name ? `Updated the description of group ${group.name}` : `Renamed group ${group.name} to ${input.name}`,
        before: { name: group.name, description: group.description },
        after: { name: input.name, description: input.description },
        namespaces: TENANT_WIDE,
      });
    }),
  );
}

/**
 * Memberships, role bindings and pending-invitation links go with the group (foreign keys cascade); the audit
 * entry records what went, since those rows leave no record of their own.
 */
export async function deleteGroup(actor: TenantActor, groupId: string): Promise<{ members: number; bindings: number }> {
  assertCan(actor, "GROUP", "DELETE");
  return db().$transaction(async (tx) => {
    const group = await findGroup(tx, actor.tenantId, groupId);
    const members = await tx.groupMembership.findMany({
      where: { groupId: group.id },
      orderBy: { user: { email: "asc" } },
      select: { user: { select: { email: true } } },
    });
    const bindings = await tx.binding.findMany({ where: { groupId: group.id }, ...bindingInclude });
    const invitations = await tx.invitationGroup.count({
      where: { groupId: group.id, invitation: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } },
    });
    await tx.group.delete({ where: { id: group.id } });
    const invitationNote = invitations ? `; removed from ${plural(invitations, "pending invitation")}` : "";
    await audit(tx, {
      tenantId: actor.tenantId,
      actor,
      resourceType: "GROUP",
      resourceId: group.id,
      action: "DELETE",
      details: `Deleted group ${group.name} with ${plural(members.length, "member")} and ${plural(bindings.length, "role binding")}${invitationNote}`,
      before: {
        name: group.name,
        description: group.description,
        members: members.map((member) => member.user.email),
        bindings: bindings.map((binding) => ({ role: binding.role.name, namespace: binding.namespace })),
      },
      namespaces: TENANT_WIDE,
    });
    return { members: members.length, bindings: bindings.length };
  });
}

async function findGroup(tx: Tx, tenantId: string, groupId: string) {
  const group = groupIdSchema.safeParse(groupId).success ? await tx.group.findFirst({ where: { id: groupId, tenantId } }) : null;
  if (!group) throw new NotFound("That group no longer exists.");
  return group;
}

/**
 * Another group of the tenant whose name is this one in another case or looks like it (either look-alike key), so
 * that "Data team" and "data team", or "Main Admins" and "Ｍain Admins", cannot both exist and be confused in pickers.
 * The name itself is still compared for rows not keyed yet.
 */
async function lookAlikeGroup(client: DbClient, tenantId: string, name: string, exceptId?: string) {
  return client.group.findFirst({ where: lookAlikeWhere(tenantId, name, exceptId), select: { name: true } });
}

function nameTaken(existing: string, name: string): NameTaken {
  return new NameTaken(`A group named "${existing}" already exists${lookAlikeNote(existing, name)}.`);
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const existing = await lookAlikeGroup(tx, tenantId, name, exceptId);
  if (existing) throw nameTaken(existing.name, name);
}

/**
 * Two concurrent creates (or renames) can both pass assertNameFree; a unique index then decides, and the loser is told
 * which group won, read after its own transaction has rolled back.
 */
function withNameConflict<T>(tenantId: string, name: string, exceptId: string | undefined, write: () => Promise<T>): Promise<T> {
  return onUniqueViolation(write, async () => nameTaken((await lookAlikeGroup(db(), tenantId, name, exceptId))?.name ?? name, name));
}
