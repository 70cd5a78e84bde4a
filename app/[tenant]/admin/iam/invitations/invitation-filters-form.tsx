import { Search } from "lucide-react";
import Form from "next/form";
import { buttonClasses } from "@/components/ui/button";
import type { InvitationFilters } from "@/lib/iam/schemas/invitations";

const STATUS_OPTIONS = [
  { value: "", label: "All" },
  { value: "PENDING", label: "Pending" },
  { value: "ACCEPTED", label: "Accepted" },
  { value: "EXPIRED", label: "Expired" },
  { value: "REVOKED", label: "Revoked" },
];

/**
 * A GET form (next/form): the URL holds the filters, so a filtered list can be bookmarked and shared, and applying
 * them is a client-side navigation that re-renders only this page.
 */
export function InvitationFiltersForm({ tenant, filters }: { tenant: string; filters: InvitationFilters }) {
  const field = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
  return (
    <Form role="search" aria-label="Filter invitations" action={`/${tenant}/admin/iam/invitations`} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor="invitation-search" className="block text-sm font-medium text-slate-800">
          Search by email
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-slate-500" />
          <input
            id="invitation-search"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={254}
            placeholder="name@example.com"
            className={`${field} pl-8`}
          />
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="invitation-status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select id="invitation-status" name="status" defaultValue={filters.status ?? ""} className={field}>
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        Apply
      </button>
    </Form>
  );
}
