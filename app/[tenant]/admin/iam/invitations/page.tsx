import { Badge } from "@/components/ui/badge";
import { PaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { formatDateTime } from "@/lib/format";
import { listInvitationPage } from "@/lib/iam/invitations/list-invitations";
import { readScope } from "@/lib/iam/authz/read-scope";
import { invitationFiltersSchema } from "@/lib/iam/invitations/invitation-schemas";
import { InvitationFiltersForm } from "./invitation-filters-form";
import { InvitationRowActions } from "./invitation-row-actions";
import { RenewalRequestNotice } from "./renewal-request-notice";
import { RenewalRequestsBanner } from "./renewal-requests-banner";
import { countRenewalRequests } from "@/lib/iam/invitations/renewal-requests";
import { firstValues, listHref } from "@/lib/pagination/search-params";

export const metadata = { title: "Invitations" };

const STATUS = {
  PENDING: { label: "Pending", tone: "warning" },
  ACCEPTED: { label: "Accepted", tone: "success" },
  EXPIRED: { label: "Expired", tone: "neutral" },
  REVOKED: { label: "Revoked", tone: "danger" },
} as const;

const DELIVERY = {
  QUEUED: { label: "Queued", tone: "neutral" },
  SENT: { label: "Sent", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  NOT_CONFIGURED: { label: "Not configured", tone: "neutral" },
} as const;

export default async function InvitationsPage({ params, searchParams }: PageProps<"/[tenant]/admin/iam/invitations">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "INVITATION");
  const raw = await searchParams;
  const filters = invitationFiltersSchema.parse(firstValues(raw));
  const [page, renewalRequests] = await Promise.all([listInvitationPage(actor, filters), countRenewalRequests(actor)]);
  const scope = readScope(actor.principal, "INVITATION", tenant);
  const isFiltered = Boolean(filters.status || filters.q || filters.renewal);
  const pageLink = (after?: string) => listHref(`/${tenant}/admin/iam/invitations`, { status: filters.status, renewal: filters.renewal, q: filters.q, after });

  return (
    <div className="space-y-4">
      <InvitationFiltersForm tenant={tenant} filters={filters} />
      <RenewalRequestsBanner tenant={tenant} count={renewalRequests} isFiltered={Boolean(filters.renewal)} />
      {scope && !scope.tenantWide && (
        <p className="text-sm text-slate-600">
          Invitations to {scope.within.join(", ")} only. Invitations that grant access tenant-wide, to groups or as a superadmin need
          INVITATION:READ tenant-wide.
        </p>
      )}
      <Table caption="Invitations to this tenant">
        <thead>
          <tr>
            <HeaderCell>Email</HeaderCell>
            <HeaderCell>Access</HeaderCell>
            <HeaderCell>Inviter</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <HeaderCell>Delivery</HeaderCell>
            <HeaderCell>Sent</HeaderCell>
            <HeaderCell>Expires</HeaderCell>
            <HeaderCell actions />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.invitations.length === 0 && (
            <EmptyRow columns={8}>
              {isFiltered ? "No invitations match these filters." : "No invitations yet. Invite people from the Users tab."}
            </EmptyRow>
          )}
          {page.invitations.map((invitation) => (
            <tr key={invitation.id}>
              <Cell className="min-w-44 wrap-anywhere font-medium text-slate-900">
                {invitation.email}
                <RenewalRequestNotice tenant={tenant} invitation={invitation} />
              </Cell>
              <Cell className="min-w-32 max-w-xs break-words">{invitation.access}</Cell>
              <Cell>{invitation.inviter ?? "Removed user"}</Cell>
              <Cell>
                <Badge tone={STATUS[invitation.status].tone}>{STATUS[invitation.status].label}</Badge>
                {invitation.awaitingMfa ? (
                  <p className="mt-1 text-xs text-slate-600">Accepted; waits for their two-factor setup</p>
                ) : (
                  invitation.requireMfa && invitation.status === "PENDING" && <p className="mt-1 text-xs text-slate-600">Two-factor required</p>
                )}
              </Cell>
              <Cell>
                <Badge tone={DELIVERY[invitation.delivery].tone}>{DELIVERY[invitation.delivery].label}</Badge>
              </Cell>
              <Cell className="min-w-28">{formatDateTime(invitation.sentAt)}</Cell>
              <Cell className="min-w-28">{formatDateTime(invitation.expiresAt)}</Cell>
              <Cell>
                {(invitation.canResend || invitation.canRevoke) && (
                  <InvitationRowActions
                    tenant={tenant}
                    invitation={{ id: invitation.id, email: invitation.email }}
                    canResend={invitation.canResend}
                    canRevoke={invitation.canRevoke}
                  />
                )}
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
      <PaginationNav
        links={[
          filters.after ? { label: "First page", href: pageLink() } : null,
          page.nextCursor ? { label: "Next page", href: pageLink(page.nextCursor) } : null,
        ]}
      />
    </div>
  );
}
