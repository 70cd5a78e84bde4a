import { bulkSummary } from "@/components/row-selection/bulk-report";
import type { BulkUserRow } from "./actions";

const OUTCOMES = ["disabled", "enabled", "skipped"] as const;

/** "3 users disabled, 1 skipped.": the toast and the report of a bulk Disable or Enable. */
export const userSummary = (rows: readonly BulkUserRow[]) => bulkSummary(rows, OUTCOMES, { one: "user", many: "users" });
