import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/passwords";
import { E2E_ADMIN } from "../playwright.config";

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
