import { bulkSummary } from "@/components/row-selection/bulk-report";
import type { BulkInvitationRow } from "./actions";

const OUTCOMES = ["resent", "revoked", "skipped"] as const;

/** "2 invitations revoked, 1 skipped.": the toast and the report of a bulk Resend or Revoke. */
export const invitationSummary = (rows: readonly BulkInvitationRow[]) => bulkSummary(rows, OUTCOMES, { one: "invitation", many: "invitations" });
