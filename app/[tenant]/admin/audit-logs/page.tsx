import { PageHeader } from "@/components/page-header";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { listAuditLogs } from "@/lib/iam/catalog";

export const metadata = { title: "Audit logs" };

export default async function AuditLogsPage({ params }: PageProps<"/[tenant]/admin/audit-logs">) {
  const { tenant } = await params;
  const entries = await listAuditLogs(tenant);
  return (
    <div className="space-y-6">
      <PageHeader title="Audit logs" description="Every change to identity and access in this tenant, newest first." />
      <Table caption="Audit log entries">
        <thead>
          <tr>
            <HeaderCell>Resource type</HeaderCell>
            <HeaderCell>Action</HeaderCell>
            <HeaderCell>Actor</HeaderCell>
            <HeaderCell>Details</HeaderCell>
            <HeaderCell>Date</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.length === 0 && <EmptyRow columns={5}>Nothing has been recorded yet.</EmptyRow>}
          {entries.map((entry) => (
            <tr key={entry.id.toString()}>
              <Cell>{entry.resourceType}</Cell>
              <Cell>{entry.action}</Cell>
              <Cell>{entry.actorEmail}</Cell>
              <Cell>{entry.details || "—"}</Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(entry.createdAt)}</Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
