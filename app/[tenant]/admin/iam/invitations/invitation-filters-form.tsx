import Form from "next/form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import type { InvitationFilters } from "@/lib/iam/invitations/invitation-schemas";

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
      <SearchField
        id="invitation-search"
        label="Search by email"
        name="q"
        defaultValue={filters.q}
        maxLength={254}
        placeholder="name@example.com"
      />
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
