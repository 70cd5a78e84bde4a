import Form from "next/form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import { USER_SORTS, type UserFilters } from "@/lib/iam/users/user-filter-schemas";

/**
 * A GET form (next/form): the URL holds the search, so it can be bookmarked and shared, and a search is a client-side
 * navigation that re-renders only this page, not the console around it.
 */
export function UserFiltersForm({ tenant, filters, groups }: { tenant: string; filters: UserFilters; groups: { id: string; name: string }[] }) {
  const field = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
  return (
    <Form role="search" aria-label="Filter users" action={`/${tenant}/admin/iam/users`} className="flex flex-wrap items-end gap-3">
      <SearchField id="user-search" label="Search users" name="q" defaultValue={filters.q} maxLength={200} placeholder="Email or name" />
      <div className="space-y-1">
        <label htmlFor="user-status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select id="user-status" name="status" defaultValue={filters.status ?? ""} className={field}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="disabled">Disabled</option>
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="user-group" className="block text-sm font-medium text-slate-800">
          Group
        </label>
        <select id="user-group" name="group" defaultValue={filters.group ?? ""} className={field}>
          <option value="">Any group</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="user-sort" className="block text-sm font-medium text-slate-800">
          Sort by
        </label>
        <select id="user-sort" name="sort" defaultValue={filters.sort} className={field}>
          {Object.entries(USER_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
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
