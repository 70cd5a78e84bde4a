import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/passwords";
import { E2E_ADMIN, RESEND_STAND_IN } from "../playwright.config";

export { E2E_ADMIN };

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
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

export async function injectResendFaults(failNext: number, status = 500) {
  await fetch(`${RESEND_STAND_IN}/__faults`, { method: "POST", body: JSON.stringify({ failNext, status }) });
}
