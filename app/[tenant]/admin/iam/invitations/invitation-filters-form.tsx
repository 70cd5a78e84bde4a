import { FilterForm } from "@/components/ui/filter-form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { EXPIRING_SOON_DAYS, type InvitationFilters } from "@/lib/iam/invitations/invitation-schemas";

const STATUS_OPTIONS = [
  { value: "", label: "All" },
  { value: "PENDING", label: "Pending" },
  { value: "EXPIRING_SOON", label: `Expiring within ${EXPIRING_SOON_DAYS} days` },
  { value: "ACCEPTED", label: "Accepted" },
  { value: "EXPIRED", label: "Expired" },
  { value: "REVOKED", label: "Revoked" },
];

/**
 * A GET form (next/form): the URL holds the filters, so a filtered list can be bookmarked and shared, and applying
 * them is a client-side navigation that re-renders only this page.
 */
export function InvitationFiltersForm({ tenant, filters }: { tenant: string; filters: InvitationFilters }) {
  return (
    <FilterForm role="search" aria-label="Filter invitations" action={`/${tenant}/admin/iam/invitations`} className="flex flex-wrap items-end gap-3">
      <SearchField
        id="invitation-search"
        label="Search by email"
        name="q"
        defaultValue={filters.q}
        maxLength={254}
        placeholder="name@example.com"
      />
      <SelectField id="invitation-status" label="Status" name="status" defaultValue={filters.status ?? ""} options={STATUS_OPTIONS} />
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </FilterForm>
  );
}
