import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../lib/iam/passwords/password-hashing";
import { E2E_ADMIN, RESEND_STAND_IN } from "../playwright.config";

export { E2E_ADMIN };

export async function expectNoAxeViolations(page: Page) {
  // Legacy mode runs the same rules with axe.run in the page itself. The default (runPartial per frame, then
  // finishRun in a new blank page opened for each scan) exists for cross-origin iframes, which the console has none
  // of, and took 1.7 s a scan against 0.7 s, with the same results.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Direct SQL for arranging what the UI cannot do yet (or must not be able to do), e.g. disabling a user. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function createUser(email: string, password: string, options: { tenant?: string } = {}): Promise<string> {
  const [user] = await sql<{ id: string }>(
    `INSERT INTO users (id, email, first_name, last_name, password_hash, updated_at)
     VALUES (gen_random_uuid(), $1, 'Test', 'User', $2, now()) RETURNING id`,
    [email, await hashPassword(password)],
  );
  if (options.tenant) await sql(`INSERT INTO tenant_access (tenant_id, user_id) VALUES ($1, $2)`, [options.tenant, user.id]);
  return user.id;
}

export interface CapturedEmail {
  id: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
}

/** Emails the Resend stand-in received for an address, oldest first. */
export async function emailsTo(address: string): Promise<CapturedEmail[]> {
  const response = await fetch(`${RESEND_STAND_IN}/__emails`);
  const emails = (await response.json()) as CapturedEmail[];
  return emails.filter((email) => email.to.includes(address));
}

/** The invitation link inside the newest email to an address, waiting for it to arrive. */
export async function invitationLinkFromEmail(address: string): Promise<string> {
  await expect.poll(async () => (await emailsTo(address)).length, { message: `email to ${address}` }).toBeGreaterThan(0);
  const [latest] = (await emailsTo(address)).slice(-1);
  const match = /https?:\/\/[^\s"<>]+\/invitations\/[A-Za-z0-9_-]{43}/.exec(latest.text);
  if (!match) throw new Error(`No invitation link in the email to ${address}`);
  return match[0];
}

/** Makes the Resend stand-in fail the next `failNext` sends to `to` (only those: other workers send email meanwhile). */
export async function injectResendFaults(to: string, failNext: number, status = 500) {
  await fetch(`${RESEND_STAND_IN}/__faults`, { method: "POST", body: JSON.stringify({ to, failNext, status }) });
}

export interface InvitationRowOptions {
  role?: string;
  namespaces?: string[];
  expiresAt?: Date;
  revokedAt?: Date;
  invitedById?: string;
}

/**
 * An invitation to `tenant` exactly as the invite flow stores it (only the token's SHA-256), inserted directly so a
 * spec does not depend on the Invite dialog. Returns the token, which only the invitee's link carries.
 */
export async function insertInvitation(tenant: string, email: string, options: InvitationRowOptions = {}): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const [admin] = await sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [E2E_ADMIN.email]);
  const [invitation] = await sql<{ id: string }>(
    `INSERT INTO invitations (id, tenant_id, email, token_hash, invited_by_id, expires_at, revoked_at, namespaces)
     VALUES (gen_random_uuid(), $7, $1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      email,
      createHash("sha256").update(token).digest("hex"),
      options.invitedById ?? admin.id,
      options.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
      options.revokedAt ?? null,
      // What the app stores for a role invitation (lib/iam/authz/concerns.ts): the role's namespaces.
      [...new Set(options.namespaces ?? [])].sort(),
      tenant,
    ],
  );
  await sql(
    `INSERT INTO invitation_roles (invitation_id, role_id, namespaces) SELECT $1, id, $2 FROM roles WHERE tenant_id = $4 AND name = $3`,
    [invitation.id, options.namespaces ?? [], options.role ?? "Viewer", tenant],
  );
  return { token, id: invitation.id };
}

/**
 * Chooses `label` in one of the console's searchable pickers (components/ui/combobox-field.tsx): opens it, types to
 * narrow the list, clicks the option, and checks the picker now names it.
 */
export async function chooseOption(picker: Locator, label: string) {
  await picker.click();
  const page = picker.page();
  await page.keyboard.type(label);
  await page.getByRole("listbox").getByRole("option", { name: label, exact: true }).click();
  await expect(picker).toHaveText(label);
}

/** The same by keyboard alone, from the focused picker: Enter opens it, typing narrows it, Enter takes the best match. */
export async function chooseOptionByKeyboard(picker: Locator, label: string) {
  await expect(picker).toBeFocused();
  const page = picker.page();
  await page.keyboard.press("Enter");
  await page.keyboard.type(label);
  await expect(page.getByRole("listbox").getByRole("option").first()).toHaveAccessibleName(label);
  await page.keyboard.press("Enter");
  await expect(picker).toBeFocused();
  await expect(picker).toHaveText(label);
}

/**
 * Tab into the invite forms' "Give access through" radios and make "Role" the choice: a tenant with groups starts on
 * Group (then the arrow key moves to Role), one without starts on Role.
 */
export async function tabToRoleAccess(dialog: Locator) {
  const page = dialog.page();
  await page.keyboard.press("Tab");
  const role = dialog.getByRole("radio", { name: "Role" });
  if (!(await role.isChecked())) {
    await expect(dialog.getByRole("radio", { name: "Group" })).toBeFocused();
    await page.keyboard.press("ArrowRight");
  }
  await expect(role).toBeChecked();
  await expect(role).toBeFocused();
}

/** The toasts that confirm a change (components/notify.ts): Sonner's live region. */
export function toasts(page: Page): Locator {
  return page.getByRole("region", { name: /^Notifications/ });
}
