import { describe, expect, it } from "vitest";
import { COLUMN_SORTS, columnSort, USER_SORTS, userFiltersSchema, type UserSort } from "./user-filter-schemas";

describe("the Users tab's sortable headers", () => {
  it("toggle between the two orders of their column, A–Z first, and mark the column the list is sorted by", () => {
    expect(columnSort("email", "email")).toEqual({ direction: "ascending", next: "-email" });
    expect(columnSort("email", "-email")).toEqual({ direction: "descending", next: "email" });
    expect(columnSort("email", "name")).toEqual({ next: "email" });
    expect(columnSort("name", "-name")).toEqual({ direction: "descending", next: "name" });
    expect(columnSort("name", "-created")).toEqual({ next: "name" });
  });

  it("offer only orders the list has, and the default order is a column's; creation order stays with the select", () => {
    const offered: UserSort[] = Object.values(COLUMN_SORTS).flatMap(({ ascending, descending }) => [ascending, descending]);
    for (const sort of offered) expect(Object.keys(USER_SORTS)).toContain(sort);
    expect((Object.keys(USER_SORTS) as UserSort[]).filter((sort) => !offered.includes(sort))).toEqual(["-created", "created"]);
    const { sort } = userFiltersSchema.parse({});
    expect(columnSort("email", sort).direction).toBe("ascending");
  });
});
