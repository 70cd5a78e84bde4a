import { Badge } from "@/components/ui/badge";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { listInvitations } from "@/lib/iam/catalog";
import { invitationStatus } from "@/lib/iam/invitation-status";

export const metadata = { title: "Invitations" };

const STATUS_TONE = { PENDING: "warning", ACCEPTED: "success", EXPIRED: "neutral", REVOKED: "danger" } as const;

export default async function InvitationsPage({ params }: PageProps<"/[tenant]/admin/iam/invitations">) {
  const { tenant } = await params;
  await pageActorWith(tenant, "INVITATION");
  const invitations = await listInvitations(tenant);
  const now = new Date();
  return (
    <Table caption="Invitations to this tenant">
      <thead>
        <tr>
          <HeaderCell>Email</HeaderCell>
          <HeaderCell>Inviter</HeaderCell>
          <HeaderCell>Status</HeaderCell>
          <HeaderCell>Sent</HeaderCell>
          <HeaderCell>Expires</HeaderCell>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invitations.length === 0 && <EmptyRow columns={5}>No invitations yet.</EmptyRow>}
        {invitations.map((invitation) => {
          const status = invitationStatus(invitation, now);
          return (
            <tr key={invitation.id}>
              <Cell className="font-medium text-slate-900">{invitation.email}</Cell>
              <Cell>{invitation.invitedBy?.email ?? "Removed user"}</Cell>
              <Cell>
                <Badge tone={STATUS_TONE[status]}>{status.charAt(0) + status.slice(1).toLowerCase()}</Badge>
              </Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(invitation.sentAt)}</Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(invitation.expiresAt)}</Cell>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
