"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useStepUp } from "@/components/mfa/step-up-provider";
import { FormError } from "@/components/ui/form-error";
import { notifyDone } from "@/components/notify";
import { ComboboxField } from "@/components/ui/combobox-field";
import type { ActionResult } from "@/lib/actions/result";
import {
  addToGroupAction,
  removeFromGroupAction,
  removeFromTenantAction,
  removeUserBindingAction,
  resetTwoFactorAction,
  setDisabledAction,
  setSuperAdminAction,
  sendPasswordResetAction,
  signOutEverywhereAction,
  unlockUserAction,
} from "./actions";
import { InvitationLinkField } from "../../invitations/invitation-link-field";
import { RenameUserDialog } from "./rename-user-dialog";

interface UserAccountControlsProps {
  tenant: string;
  userId: string;
  email: string;
  isDisabled: boolean;
  isSuperAdmin: boolean;
  canDisable: boolean;
  canRemove: boolean;
  canManageSuperAdmin: boolean;
  /** Rename, sign out everywhere, unlock: changes to the account itself (tenant-wide USER:UPDATE, docs/rules.md § Accounts 7). */
  canManageAccount: boolean;
  name: { firstName: string; lastName: string };
  /** The lock failed sign-ins put on the account, described ("Locked until …"), or null when not locked. */
  lockedUntil: string | null;
  /** Whether a reset link is emailed, or shown here to be handed over. */
  emailConfigured: boolean;
  /** Has a confirmed second factor: "Reset two-factor" is offered. */
  hasMfa: boolean;
}

export function UserAccountControls(props: UserAccountControlsProps) {
  const { tenant, userId, email, isDisabled, isSuperAdmin } = props;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Only the reset link's instructions stay on the page (the link must be copied from here); every other change is a toast.
  const [status, setStatus] = useState("");
  const [resetLink, setResetLink] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const run = (action: () => Promise<ActionResult<unknown>>, done?: string) =>
    startTransition(async () => {
      const result = await withStepUp(action);
      setError(result.ok ? null : result.error);
      if (result.ok) {
        if (done) notifyDone(done);
        router.refresh();
      }
    });
  const done = (message: string) => {
    setError(null);
    notifyDone(message);
    router.refresh();
  };

  return (
    <section aria-label="Account" className="space-y-3">
      <FormError message={error} />
      {props.canManageAccount && props.lockedUntil && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <span>Locked after too many failed sign-ins, {props.lockedUntil}.</span>
          <Button variant="secondary" disabled={isPending} onClick={() => run(() => unlockUserAction(tenant, userId), `${email} was unlocked.`)}>
            Unlock
          </Button>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {props.canManageAccount && (
          <>
            <RenameUserDialog tenant={tenant} userId={userId} email={email} name={props.name} onDone={done} />
            <Button
              variant="secondary"
              disabled={isPending}
              onClick={() =>
                startTransition(async () => {
                  const result = await sendPasswordResetAction(tenant, userId);
                  setError(result.ok ? null : result.error);
                  setResetLink(result.ok && result.data.delivery === "NOT_CONFIGURED" ? result.data.link : null);
                  if (result.ok && result.data.delivery === "QUEUED") notifyDone(`A password reset link was emailed to ${email}.`);
                  setStatus(result.ok && result.data.delivery !== "QUEUED" ? `Copy this reset link and give it to ${email}: it is shown once and works once.` : "");
                })
              }
            >
              {props.emailConfigured ? "Send password reset" : "Create reset link"}
            </Button>
            <ConfirmDialog
              trigger={<Button variant="secondary">Sign out everywhere</Button>}
              title={`Sign ${email} out everywhere?`}
              description="Every session of theirs ends at its next request, on every device. They can sign in again."
              confirmLabel="Sign out everywhere"
              onConfirm={() => signOutEverywhereAction(tenant, userId)}
              doneMessage={`${email} was signed out everywhere.`}
              onDone={() => router.refresh()}
            />
            {props.hasMfa && (
              <ConfirmDialog
                trigger={<Button variant="secondary">Reset two-factor</Button>}
                title={`Reset two-factor authentication of ${email}?`}
                description="Their authenticator apps, passkeys and recovery codes are removed and every session of theirs ends. They sign in with their password alone and set up a new factor (a tenant that requires it will ask them to)."
                confirmLabel="Reset two-factor"
                onConfirm={() => resetTwoFactorAction(tenant, userId)}
                doneMessage={`Two-factor authentication of ${email} was reset.`}
                onDone={() => router.refresh()}
              />
            )}
          </>
        )}
        {props.canDisable &&
          (isDisabled ? (
            <Button variant="secondary" disabled={isPending} onClick={() => run(() => setDisabledAction(tenant, userId, false), `${email} was enabled.`)}>
              Enable user
            </Button>
          ) : (
            <ConfirmDialog
              trigger={<Button variant="secondary">Disable user</Button>}
              title={`Disable ${email}?`}
              description="They are signed out at their next request and cannot sign in until enabled again. Nothing else changes."
              confirmLabel="Disable"
              onConfirm={() => setDisabledAction(tenant, userId, true)}
              doneMessage={`${email} was disabled.`}
            />
          ))}
        {props.canManageSuperAdmin && (
          <ConfirmDialog
            trigger={<Button variant="secondary">{isSuperAdmin ? "Remove superadmin" : "Make superadmin"}</Button>}
            title={isSuperAdmin ? `Remove superadmin from ${email}?` : `Make ${email} a superadmin?`}
            description={
              isSuperAdmin
                ? "They keep their roles in each tenant but lose access to everything else."
                : "A superadmin can do everything in every tenant, including managing other superadmins."
            }
            confirmLabel={isSuperAdmin ? "Remove superadmin" : "Make superadmin"}
            onConfirm={() => setSuperAdminAction(tenant, userId, !isSuperAdmin)}
            doneMessage={isSuperAdmin ? `${email} is no longer a superadmin.` : `${email} is now a superadmin.`}
          />
        )}
        {props.canRemove && (
          <ConfirmDialog
            trigger={<Button variant="danger">Remove from tenant</Button>}
            title={`Remove ${email} from this tenant?`}
            description="Their group memberships and role bindings in this tenant are deleted. The account itself and its access to other tenants stay."
            confirmLabel="Remove"
            onConfirm={() => removeFromTenantAction(tenant, userId)}
            doneMessage={`${email} was removed from this tenant.`}
            onDone={() => router.push(`/${tenant}/admin/iam/users`)}
          />
        )}
      </div>
      <p role="status" className="text-sm text-emerald-800">
        {status}
      </p>
      {resetLink && <InvitationLinkField link={resetLink} label="Password reset link" />}
    </section>
  );
}

export function AddToGroupForm({ groups, onAdd }: { groups: { id: string; name: string }[]; onAdd: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const [groupId, setGroupId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  if (groups.length === 0) return <p className="text-sm text-slate-600">There are no other groups to add this user to.</p>;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await withStepUp(() => onAdd({ groupId }));
          setError(result.ok ? null : result.error);
          if (result.ok) {
            notifyDone(`Added to ${groups.find((group) => group.id === groupId)?.name ?? "the group"}.`);
            setGroupId("");
          }
        });
      }}
    >
      <div className="w-full sm:w-72">
        <ComboboxField
          label="Group"
          value={groupId}
          onChange={setGroupId}
          placeholder="Choose a group"
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          emptyText="No group matches."
        />
      </div>
      <Button type="submit" variant="secondary" disabled={isPending || !groupId}>
        Add to group
      </Button>
      <div className="basis-full">
        <FormError message={error} />
      </div>
    </form>
  );
}

export function RemoveMembershipButton({ tenant, userId, groupId, groupName }: { tenant: string; userId: string; groupId: string; groupName: string }) {
  // Undo re-adds the membership: exact (the group's roles come back with it) and as authorized as adding it.
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">Remove<span className="sr-only"> from {groupName}</span></Button>}
      title={`Remove from ${groupName}?`}
      description="The user loses the roles this group grants, unless they hold them another way."
      confirmLabel="Remove"
      onConfirm={() => removeFromGroupAction(tenant, userId, groupId)}
      doneMessage={`Removed from ${groupName}.`}
      undo={{ run: () => addToGroupAction(tenant, userId, { groupId }), done: `Back in ${groupName}.` }}
    />
  );
}

export function RemoveBindingButton({ tenant, userId, bindingId, label }: { tenant: string; userId: string; bindingId: string; label: string }) {
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost">Remove<span className="sr-only"> {label}</span></Button>}
      title={`Remove ${label}?`}
      description="The user loses this role here, unless a group still grants it."
      confirmLabel="Remove"
      onConfirm={() => removeUserBindingAction(tenant, userId, bindingId)}
      doneMessage={`${label} was removed.`}
    />
  );
}
