import { z } from "zod";
import { idSelectionSchema } from "@/lib/iam/id-selection";
import { namespaceNameSchema } from "@/lib/iam/namespaces/namespace-names";
import { normalizeEmail } from "@/lib/iam/normalize-email";
import { optionalSearchText } from "@/lib/pagination/url-text";

export const MAX_BULK_INVITES = 500;

export const inviteEmailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address")
  .max(254, "An email address has at most 254 characters")
  .pipe(z.email("Enter a valid email address"))
  .transform(normalizeEmail);

/** What an invitation grants: groups, or one role optionally restricted to namespaces. */
export const accessSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("GROUP"),
    groupIds: z.array(z.uuid("Unknown group")).min(1, "Choose at least one group").max(50, "Choose at most 50 groups"),
  }),
  z.object({
    mode: z.literal("ROLE"),
    roleId: z.uuid("Choose a role"),
    namespaces: z.array(namespaceNameSchema).max(50, "Choose at most 50 namespaces").default([]),
  }),
]);

export const inviteSchema = z.object({
  email: inviteEmailSchema,
  access: accessSchema,
  superAdmin: z.boolean().default(false),
  /** The access is granted only once the invitee has set up a second factor (docs/rules.md § Two-factor authentication 7). */
  requireMfa: z.boolean().default(false),
});

export type InviteInput = z.infer<typeof inviteSchema>;
export type AccessInput = z.infer<typeof accessSchema>;

/** Splits pasted text on newlines, commas and semicolons; blank entries are dropped. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** One pasted entry as "Invite several" treats it: an address to invite, or why it is skipped. */
export type PastedAddress =
  | { kind: "address"; entry: string; email: string }
  | { kind: "invalid"; entry: string; message: string }
  | { kind: "duplicate"; entry: string; email: string; message: string };

/**
 * The one reading of a pasted list, for the dialog's preview, the action's hourly allowance and the invite itself:
 * each entry in order, malformed ones with the schema's message, a repeat (after normalising) marked as such.
 */
export function readPastedAddresses(entries: string[]): PastedAddress[] {
  const seen = new Set<string>();
  return entries.map((entry): PastedAddress => {
    const parsed = inviteEmailSchema.safeParse(entry);
    if (!parsed.success) return { kind: "invalid", entry, message: parsed.error.issues[0]?.message ?? "Not an email address" };
    if (seen.has(parsed.data)) return { kind: "duplicate", entry, email: parsed.data, message: "Listed more than once; handled once above" };
    seen.add(parsed.data);
    return { kind: "address", entry, email: parsed.data };
  });
}

/** The distinct well-formed addresses of a pasted list, in order. */
export function distinctAddresses(addresses: PastedAddress[]): string[] {
  return addresses.flatMap((address) => (address.kind === "address" ? [address.email] : []));
}

export const bulkInviteSchema = z.object({
  emails: z
    .string()
    .max(MAX_BULK_INVITES * 260, "That is too much text")
    .refine((text) => splitEmails(text).length > 0, "Paste at least one email address")
    .refine((text) => splitEmails(text).length <= MAX_BULK_INVITES, `Paste at most ${MAX_BULK_INVITES} email addresses`),
  access: accessSchema,
  requireMfa: z.boolean().default(false),
});

export const INVITATION_STATUSES = ["PENDING", "ACCEPTED", "EXPIRED", "REVOKED"] as const;

/** "Expiring soon" (the Invitations tab's filter, the IAM overview's count): pending, expiring within this many days. */
export const EXPIRING_SOON_DAYS = 3;

// Expiring soon is a value of the status filter rather than a parameter of its own: it narrows Pending, so the two
// can never contradict each other, and every link the tab builds from its status keeps it.
export const INVITATION_STATUS_FILTERS = [...INVITATION_STATUSES, "EXPIRING_SOON"] as const;
export type InvitationStatusFilter = (typeof INVITATION_STATUS_FILTERS)[number];

export const invitationFiltersSchema = z.object({
  status: z.enum(INVITATION_STATUS_FILTERS).optional().catch(undefined),
  /** `requested`: only the expired invitations whose invitee asked for a new link (docs/rules.md § Invitations 14). */
  renewal: z.literal("requested").optional().catch(undefined),
  q: optionalSearchText(254),
  after: z.string().max(2048).optional().catch(undefined),
});

export type InvitationFilters = z.infer<typeof invitationFiltersSchema>;

/** The invitations a bulk Resend or Revoke is given (the Invitations tab's selection). */
export const invitationSelectionSchema = idSelectionSchema({ one: "invitation", many: "invitations" });
