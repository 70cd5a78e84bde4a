import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql } from "./helpers";

test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page }) => {
  await page.goto("/main/admin/iam/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmain%2Fadmin%2Fiam%2Fusers$/);
  await expect(page.getByRole("heading", { name: "Sign in to IAM Console" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Keyboard only: the email field has focus, Tab moves to the password, Enter submits.
  await expect(page.getByRole("textbox", { name: "Email" })).toBeFocused();
  await page.keyboard.type(E2E_ADMIN.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(E2E_ADMIN.password);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/main\/admin\/iam\/users$/);
  const users = page.getByRole("table", { name: "Users of this tenant" });
  await expect(users.getByRole("row").filter({ hasText: E2E_ADMIN.email })).toContainText("Superadmin");
  for (const tab of ["Users", "Invitations", "Groups", "Roles"]) {
    await expect(page.getByRole("link", { name: tab, exact: true })).toBeVisible();
  }
  const navigation = page.getByRole("navigation", { name: "Main" });
  await expect(navigation.getByRole("heading", { name: "Administration" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "IAM" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page);
});

test("the IAM tabs and the audit log render real data and pass axe", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IAM" }).click();
  await page.getByRole("link", { name: "Roles", exact: true }).click();
  const roles = page.getByRole("table", { name: "Roles of this tenant" });
  for (const role of ["Admin", "Developer", "Editor", "Launcher", "Viewer"]) {
    await expect(roles.getByRole("cell", { name: role, exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  for (const [tab, empty] of [["Groups", "No groups yet."], ["Invitations", "No invitations yet."]] as const) {
    await page.getByRole("link", { name: tab, exact: true }).click();
    await expect(page.getByText(empty)).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await page.getByRole("link", { name: "Audit logs" }).click();
  await expect(page.getByRole("table", { name: "Audit log entries" })).toContainText(`First superadmin ${E2E_ADMIN.email} created`);
  await expectNoAxeViolations(page);
});

test("a wrong password and an unknown email get the same answer", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, "not-the-password");
  const alert = page.getByRole("alert").filter({ hasText: /./ });
  await expect(alert).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login/);
  // What was typed stays, the password does not: the next try is only the password again.
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(E2E_ADMIN.email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.reload();
  await signIn(page, "nobody-here@e2e.test", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Incorrect email or password.");

  await page.reload();
  await signIn(page, "not an email", "x");
  await expect(page.getByText("Enter a valid email")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("not an email");
  await expectNoAxeViolations(page);
});

test("signing out ends the session", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/main/admin/iam/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("unknown tenants are 404, tenants without access are 403, and disabling a user ends their session", async ({ page }) => {
  const email = `outsider-${Date.now()}@e2e.test`;
  const password = "outsider-password-1";
  await sql(`INSERT INTO tenants (id, name) VALUES ('other-co', 'Other Co') ON CONFLICT DO NOTHING`);
  const userId = await createUser(email, password, { tenant: "other-co" });

  await page.goto("/login");
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/other-co$/);

  const forbidden = await page.goto("/main/admin/iam/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expectNoAxeViolations(page);

  const missing = await page.goto("/no-such-tenant");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page);

  await sql(`UPDATE users SET disabled = true WHERE id = $1`, [userId]);
  await page.goto("/other-co");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fother-co$/);

  await page.goto("/login");
  await signIn(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Incorrect email or password.");
});

test("the health endpoint answers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
