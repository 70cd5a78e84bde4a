import { FilterForm } from "@/components/ui/filter-form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { USER_SORTS, type UserFilters } from "@/lib/iam/users/user-filter-schemas";

/**
 * A GET form (next/form): the URL holds the search, so it can be bookmarked and shared, and a search is a client-side
 * navigation that re-renders only this page, not the console around it.
 */
export function UserFiltersForm({ tenant, filters, groups }: { tenant: string; filters: UserFilters; groups: { id: string; name: string }[] }) {
  return (
    <FilterForm role="search" aria-label="Filter users" action={`/${tenant}/admin/iam/users`} className="flex flex-wrap items-end gap-3">
      <SearchField id="user-search" label="Search users" name="q" defaultValue={filters.q} maxLength={200} placeholder="Email or name" />
      <SelectField
        id="user-status"
        label="Status"
        name="status"
        defaultValue={filters.status ?? ""}
        placeholder="Any status"
        options={[
          { value: "active", label: "Active" },
          { value: "disabled", label: "Disabled" },
        ]}
      />
      <SelectField
        id="user-mfa"
        label="Two-factor"
        name="mfa"
        defaultValue={filters.mfa ?? ""}
        placeholder="On or off"
        options={[
          { value: "on", label: "On" },
          { value: "off", label: "Off" },
        ]}
      />
      <SelectField
        id="user-group"
        label="Group"
        name="group"
        defaultValue={filters.group ?? ""}
        placeholder="Any group"
        options={groups.map((group) => ({ value: group.id, label: group.name }))}
      />
      <SelectField
        id="user-sort"
        label="Sort by"
        name="sort"
        defaultValue={filters.sort}
        options={Object.entries(USER_SORTS).map(([value, label]) => ({ value, label }))}
      />
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </FilterForm>
  );
}
