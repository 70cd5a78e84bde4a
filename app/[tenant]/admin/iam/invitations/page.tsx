import { Badge } from "@/components/ui/badge";
import { PaginationNav } from "@/lib/pagination/keyset-pagination-nav";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { EmailText } from "@/components/email-text";
import { RelativeTime } from "@/components/relative-time";
import { isEmailConfigured } from "@/lib/email/resend";
import { listInvitationPage } from "@/lib/iam/invitations/list-invitations";
import { readScope } from "@/lib/iam/authz/read-scope";
import { invitationFiltersSchema } from "@/lib/iam/invitations/invitation-schemas";
import { InvitationFiltersForm } from "./invitation-filters-form";
import { InvitationRowActions } from "./invitation-row-actions";
import { RenewalRequestNotice } from "./renewal-request-notice";
import { RenewalRequestsBanner } from "./renewal-requests-banner";
import { countRenewalRequests } from "@/lib/iam/invitations/renewal-requests";
import { firstValues, listHref } from "@/lib/pagination/search-params";
import { canSomewhere } from "@/lib/iam/authz/engine";
import { RowCheckbox, RowCheckboxSpace, SelectAllCheckbox } from "@/components/row-selection/row-checkbox";
import { InvitationSelection } from "./invitation-selection";

export const metadata = { title: "Invitations" };

/** The form the rows' checkboxes belong to (components/row-selection). */
const SELECTION_FORM = "invitation-selection";

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
  // A row is selectable when its own menu offers something; which rows a bulk action changes is decided per row on the server.
  const isSelectable = (invitation: { canResend: boolean; canRevoke: boolean }) => invitation.canResend || invitation.canRevoke;
  const hasSelectable = page.invitations.some(isSelectable);
  // With email off every row would say "Not configured": said once above the table instead, and the column dropped
  // unless a row still has an outcome from when email was on.
  const emailConfigured = isEmailConfigured();
  const showDelivery = emailConfigured || page.invitations.some((invitation) => invitation.delivery !== "NOT_CONFIGURED");

  return (
    <div className="space-y-4">
      <InvitationFiltersForm tenant={tenant} filters={filters} />
      <RenewalRequestsBanner tenant={tenant} count={renewalRequests} isFiltered={Boolean(filters.renewal)} />
      {!emailConfigured && (
        <p className="text-sm text-slate-600">Email isn&apos;t configured: each link is shown once, when you invite or resend, for you to share.</p>
      )}
      {scope && !scope.tenantWide && (
        <p className="text-sm text-slate-600">
          Invitations to {scope.within.join(", ")} only. Invitations that grant access tenant-wide, to groups or as a superadmin need
          INVITATION:READ tenant-wide.
        </p>
      )}
      <InvitationSelection
        tenant={tenant}
        formId={SELECTION_FORM}
        canResend={canSomewhere(actor.principal, "INVITATION", "UPDATE", actor.tenantId)}
        canRevoke={canSomewhere(actor.principal, "INVITATION", "DELETE", actor.tenantId)}
        hasSelectable={hasSelectable}
      >
        <Table caption="Invitations to this tenant">
          <thead>
            <tr>
              <HeaderCell>
                <span className="flex items-center gap-3">
                  {hasSelectable && <SelectAllCheckbox form={SELECTION_FORM} />}
                  Email
                </span>
              </HeaderCell>
              <HeaderCell>Access</HeaderCell>
              <HeaderCell>Inviter</HeaderCell>
              <HeaderCell>Status</HeaderCell>
              {showDelivery && <HeaderCell>Delivery</HeaderCell>}
              <HeaderCell>Sent</HeaderCell>
              <HeaderCell>Expires</HeaderCell>
              <HeaderCell actions />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.invitations.length === 0 && (
              <EmptyRow columns={showDelivery ? 8 : 7}>
                {isFiltered ? "No invitations match these filters." : "No invitations yet. Invite people from the Users tab."}
              </EmptyRow>
            )}
            {page.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <Cell className="min-w-44 font-medium text-slate-900">
                  <div className="flex items-start gap-3">
                    {isSelectable(invitation) ? (
                      <RowCheckbox form={SELECTION_FORM} id={invitation.id} label={invitation.email} />
                    ) : (
                      hasSelectable && <RowCheckboxSpace />
                    )}
                    <div className="min-w-0">
                      <EmailText email={invitation.email} />
                      <RenewalRequestNotice tenant={tenant} invitation={invitation} />
                    </div>
                  </div>
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
                {showDelivery && (
                  <Cell>
                    <Badge tone={DELIVERY[invitation.delivery].tone}>{DELIVERY[invitation.delivery].label}</Badge>
                  </Cell>
                )}
                <Cell className="whitespace-nowrap">
                  <RelativeTime date={invitation.sentAt} />
                </Cell>
                <Cell className="whitespace-nowrap">
                  <RelativeTime date={invitation.expiresAt} />
                </Cell>
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
      </InvitationSelection>
      <PaginationNav
        links={[
          filters.after ? { label: "First page", href: pageLink() } : null,
          page.nextCursor ? { label: "Next page", href: pageLink(page.nextCursor) } : null,
        ]}
      />
    </div>
  );
}
