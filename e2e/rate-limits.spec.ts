import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql } from "./helpers";

// The server runs with the default limits: 10 failed sign-ins within 5 minutes lock an email for 30 minutes.
const LOCKED = "This account is temporarily locked after too many failed sign-ins. Try again later.";
const WRONG = "Incorrect email or password.";
const run = Date.now().toString(36);

/** Submits the sign-in form and waits for the server action's answer, so attempts never overlap. */
async function attempt(page: Page, email: string, password: string) {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

const alert = (page: Page) => page.getByRole("alert").filter({ hasText: /./ });

test("ten wrong passwords lock the account: the right password is then refused, and an unknown email locks alike", async ({ page, tenant }) => {
  const email = `locked-${run}@e2e.test`;
  const password = "the-right-password-1";
  await createUser(email, password, { tenant });
  await page.goto("/login");

  for (let failure = 1; failure <= 9; failure++) {
    await attempt(page, email, `wrong-password-${failure}`);
    await expect(alert(page)).toHaveText(WRONG);
  }
  // The tenth failure is the one that locks, and already says so.
  await attempt(page, email, "wrong-password-10");
  await expect(alert(page)).toHaveText(LOCKED);
  await attempt(page, email, password);
  await expect(alert(page)).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/login/);
  await expectNoAxeViolations(page);

  const trips = await sql<{ action: string; tenant_id: string | null; details: string }>(
    `SELECT action, tenant_id, details FROM audit_logs WHERE resource_type = 'SECURITY' AND resource_id = $1`,
    [email],
  );
  expect(trips).toEqual([{ action: "RATE_LIMIT", tenant_id: null, details: `Sign-in for ${email} locked for 30 minutes after 10 failures within 5 minutes` }]);

  // Nobody can tell a real account from an unknown email by its lock.
  const unknown = `nobody-${run}@e2e.test`;
  for (let failure = 1; failure <= 10; failure++) await attempt(page, unknown, `wrong-password-${failure}`);
  await expect(alert(page)).toHaveText(LOCKED);

  // Other accounts are unaffected (no per-address limit without TRUST_PROXY).
  const other = `unlocked-${run}@e2e.test`;
  await createUser(other, password, { tenant });
  await page.getByRole("textbox", { name: "Email" }).fill(other);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  // The lockout belongs to no tenant: a superadmin finds it in the audit log's instance scope, a tenant view never.
  await page.context().clearCookies();
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto("/main/admin/audit-logs?type=SECURITY");
  const lockout = page.getByRole("row").filter({ hasText: `Sign-in for ${email} locked` });
  await expect(page.getByRole("table", { name: "Audit log entries" })).toBeVisible();
  await expect(lockout).toHaveCount(0);
  const filters = page.getByRole("search", { name: "Filter audit logs" });
  await filters.getByLabel("Scope").selectOption({ label: "No tenant: sign-in lockouts, SSO links" });
  await filters.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/scope=instance/);
  await expect(lockout).toHaveCount(1);
  await expect(lockout).toContainText("RATE_LIMIT");
  await expectNoAxeViolations(page);
});
