import { FilterForm } from "@/components/ui/filter-form";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { AuditChanges } from "@/components/audit-changes";
import { PageHeader } from "@/components/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { formatDateTime } from "@/lib/format";
import {
  auditLogSearchParams,
  parseAuditLogSearch,
  queryAuditLogs,
  RESOURCE_TYPE_LABELS,
  SEARCH_PARAMS,
  type AuditLogFilters,
} from "@/lib/iam/audit/query-audit-logs";
import { readScope } from "@/lib/iam/authz/read-scope";
import { AuditEntrySentence } from "./audit-entry-sentence";

export const metadata = { title: "Audit logs" };

const COLUMNS = ["Date", "Event", "Changes"];
const TYPE_OPTIONS = Object.entries(RESOURCE_TYPE_LABELS).map(([value, label]) => ({ value, label }));
const SCOPE_OPTIONS = [{ value: "instance", label: "No tenant: sign-in lockouts, SSO links" }];

export default async function AuditLogsPage({ params, searchParams }: PageProps<"/[tenant]/admin/audit-logs">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "AUDITLOG");
  const { filters, page, notes } = parseAuditLogSearch(await searchParams, { mayReadInstance: actor.isSuperAdmin });
  const { entries, newer, older } = await queryAuditLogs(actor, filters, page);
  const scope = readScope(actor.principal, "AUDITLOG", tenant);
  const within = scope && !scope.tenantWide ? scope.within : undefined;
  const path = `/${tenant}/admin/audit-logs`;
  const isFiltered = Object.keys(filters).length > 0;
  const pageHref = (direction: "older" | "newer", cursor: string) => `${path}?${auditLogSearchParams(filters, { direction, cursor })}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit logs"
        description={
          filters.scope === "instance"
            ? "What belongs to no tenant, newest first: sign-in lockouts and other rate-limit trips, SSO accounts linked at sign-in."
            : within
              ? `Changes to identity and access within ${within.join(", ")}, newest first. Entries that concern the whole tenant need AUDITLOG:READ tenant-wide.`
              : "Every change to identity and access in this tenant, newest first."
        }
      />
      <AuditFilterForm action={path} filters={filters} isFiltered={isFiltered} canChooseScope={actor.isSuperAdmin} />
      {notes.length > 0 && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <ul className="list-disc space-y-1 pl-5">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      <Table caption="Audit log entries">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <HeaderCell key={column}>{column}</HeaderCell>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.length === 0 && (
            <EmptyRow columns={COLUMNS.length}>{emptyText(filters)}</EmptyRow>
          )}
          {entries.map((entry) => (
            <tr key={entry.id}>
              <Cell className="whitespace-nowrap">
                <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
              </Cell>
              {/* The sentence, then the entry's record word for word (details, type / action, ids): auditors quote and search those. */}
              <Cell className="min-w-64 max-w-2xl space-y-1 [overflow-wrap:anywhere]">
                <AuditEntrySentence tenant={tenant} sentence={entry.sentence} />
                {entry.details && <p className="text-xs text-slate-600">{entry.details}</p>}
                <p className="text-xs text-slate-500">
                  <code>
                    {entry.resourceType} / {entry.action}
                  </code>{" "}
                  · resource <code>{entry.resourceId}</code> · actor <code>{entry.actorEmail}</code>
                </p>
              </Cell>
              <Cell>
                <AuditChanges changes={entry.changes} resourceId={entry.resourceId} />
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
      {(newer || older) && (
        <nav aria-label="Audit log pages" className="flex items-center justify-between">
          {newer ? (
            <Link href={pageHref("newer", newer)} className={buttonClasses("secondary")}>
              <ChevronLeft aria-hidden className="size-4" />
              Newer
            </Link>
          ) : (
            <span />
          )}
          {older && (
            <Link href={pageHref("older", older)} className={buttonClasses("secondary")}>
              Older
              <ChevronRight aria-hidden className="size-4" />
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

function emptyText(filters: AuditLogFilters): string {
  if (Object.keys(filters).some((key) => key !== "scope")) return "No entries match these filters.";
  return filters.scope === "instance" ? "No sign-in lockout or other event of no tenant has been recorded." : "Nothing has been recorded yet.";
}

/** A GET form: the URL holds the filters, so a filtered view can be bookmarked and shared. */
function AuditFilterForm({ action, filters, isFiltered, canChooseScope }: { action: string; filters: AuditLogFilters; isFiltered: boolean; canChooseScope: boolean }) {
  return (
    <FilterForm action={action} role="search" aria-label="Filter audit logs" className="rounded-lg border border-slate-200 bg-surface p-4 shadow-sm">
      <div className={`grid items-start gap-4 sm:grid-cols-2 ${canChooseScope ? "lg:grid-cols-5" : "lg:grid-cols-4"}`}>
        {canChooseScope && (
          <SelectField label="Scope" name={SEARCH_PARAMS.scope} options={SCOPE_OPTIONS} placeholder="This tenant" defaultValue={filters.scope ?? ""} />
        )}
        <SelectField
          label="Resource type"
          name={SEARCH_PARAMS.resourceType}
          options={TYPE_OPTIONS}
          placeholder="All types"
          defaultValue={filters.resourceType ?? ""}
        />
        <TextField label="Actor" name={SEARCH_PARAMS.actor} hint="Email, or its beginning" defaultValue={filters.actor ?? ""} maxLength={254} autoComplete="off" />
        <TextField label="From" name={SEARCH_PARAMS.from} type="date" hint="UTC day, included" defaultValue={filters.from ?? ""} />
        <TextField label="To" name={SEARCH_PARAMS.to} type="date" hint="UTC day, included" defaultValue={filters.to ?? ""} />
      </div>
      <div className="mt-4 flex items-center gap-3">
        <Button type="submit">Search</Button>
        {isFiltered && (
          <Link href={action} className={buttonClasses("ghost")}>
            Clear filters
          </Link>
        )}
      </div>
    </FilterForm>
  );
}
