import Form from "next/form";
import { buttonClasses } from "@/components/ui/button";
import { SearchField } from "@/components/ui/search-field";
import { MEMBER_SEARCH_MAX } from "@/lib/iam/schemas/groups";

/** Searches the group's members (a GET form: the URL holds it; a client-side navigation re-renders the page only). */
export function MemberSearchForm({ action, query }: { action: string; query?: string }) {
  return (
    <Form role="search" aria-label="Search members" action={action} scroll={false} className="flex flex-wrap items-end gap-3">
      <SearchField id="member-search" label="Search members" name="q" defaultValue={query} maxLength={MEMBER_SEARCH_MAX} placeholder="Email or name" />
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </Form>
  );
}
