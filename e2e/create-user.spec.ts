import { expect, test } from "./fixtures";
import { appOrigin, E2E_PORTS } from "../playwright.config";
import { E2E_ADMIN, expectNoAxeViolations, signIn, sql, chooseOption, chooseOptionByKeyboard, tabToRoleAccess } from "./helpers";
import { addIdpUser, signInAtProvider } from "./idp";

// "Create user" beside Invite (docs/rules.md § Accounts 9): an account with access at once, then its first sign-in,
// with a one-time password (which must be replaced) or through the test OpenID Provider (SSO only).
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const NEW_PASSWORD = "a passphrase of my own 2027";

async function openCreateUser(page: import("@playwright/test").Page, tenant: string, origin = "") {
  await page.goto(`${origin}/login`);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`${origin}/${tenant}/admin/iam/users`);
  const button = page.getByRole("button", { name: "Create user" });
  await expect(button).toBeEnabled();
  return button;
}

test("by keyboard alone: create a user with a one-time password, shown once; their first sign-in must replace it", async ({ page, browser, tenant }) => {
  test.slow(); // two password hashes and a second browser
  const email = `created-${unique()}@e2e.test`;
  const button = await openCreateUser(page, tenant);
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await expect(dialog.getByRole("textbox", { name: "Email" })).toBeFocused();
  await expectNoAxeViolations(page);

  // Nothing filled in: every field says what it needs, and nothing is created.
  await dialog.getByRole("button", { name: "Create user" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("Enter a first name")).toBeVisible();
  await expect(dialog.getByText("Enter a last name")).toBeVisible();

  await dialog.getByRole("textbox", { name: "Email" }).focus();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Dorothy");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Vaughan");
  // The access: from "Group" to "Role" with the arrow keys, then Viewer by typing its first letter.
  await tabToRoleAccess(dialog);
  await page.keyboard.press("Tab");
  await chooseOptionByKeyboard(dialog.getByRole("combobox", { name: "Role" }), "Viewer");
  // SSO is configured on this server, so "SSO only" is the default; the one-time password is the other choice.
  const sso = dialog.getByRole("radio", { name: "SSO only" });
  await expect(sso).toBeChecked();
  await sso.focus();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: "One-time password" })).toBeChecked();
  await dialog.getByRole("button", { name: "Create user" }).focus();
  await page.keyboard.press("Enter");

  await expect(dialog.getByRole("status").filter({ hasText: `Account created for ${email}` })).toBeVisible();
  const field = dialog.getByRole("textbox", { name: "One-time password" });
  const oneTimePassword = await field.inputValue();
  expect(oneTimePassword).toMatch(/^[\w-]{16}$/);
  await expectNoAxeViolations(page);
  const [user] = await sql<{ id: string; password_hash: string; must_change_password: boolean }>(
    "SELECT id, password_hash, must_change_password FROM users WHERE email = $1",
    [email],
  );
  expect(user.password_hash).toMatch(/^\$argon2id\$/);
  expect(user.password_hash).not.toContain(oneTimePassword);
  expect(user.must_change_password).toBe(true);
  const [entry] = await sql<{ details: string; after: unknown }>("SELECT details, after FROM audit_logs WHERE resource_id = $1 AND action = 'CREATE'", [user.id]);
  expect(entry.details).toBe(`Created ${email} directly (Viewer tenant-wide; one-time password)`);
  expect(JSON.stringify(entry)).not.toContain(oneTimePassword);

  // Closed, the password is gone: the dialog opens on a fresh form; the list shows the new user.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.getByRole("table", { name: "Users of this tenant" }).getByRole("link", { name: "Dorothy Vaughan" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("textbox", { name: "Email" })).toHaveValue("");
  await expect(dialog.getByText(oneTimePassword)).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Their first sign-in goes to "Choose a new password" and nowhere else until it is done.
  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto("/login");
  await signIn(theirs, email, oneTimePassword);
  await expect(theirs).toHaveURL(/\/account\/password$/);
  await theirs.getByLabel("Current password").fill(oneTimePassword);
  await theirs.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await theirs.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await theirs.getByRole("button", { name: "Save and continue" }).click();
  await expect(theirs).toHaveURL(new RegExp(`/${tenant}$`));
  await theirs.context().close();
});

test("create a user for single sign-on only: no password; their first SSO sign-in lands in the tenant with the access given", async ({ page, browser, tenant }) => {
  const email = `created-sso-${unique()}@e2e.test`;
  await addIdpUser(email);
  const button = await openCreateUser(page, tenant);
  await button.click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await dialog.getByRole("textbox", { name: "First name" }).fill("Katherine");
  await dialog.getByRole("textbox", { name: "Last name" }).fill("Johnson");
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Developer");
  await dialog.getByRole("group", { name: "Namespaces" }).getByRole("checkbox", { name: "company.team", exact: true }).check();
  await expect(dialog.getByRole("radio", { name: "SSO only" })).toBeChecked();
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: `Account created for ${email}` })).toBeVisible();
  await expect(dialog.getByText(`They sign in with SSO using ${email}.`)).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "One-time password" })).toHaveCount(0);

  // The same address again is refused with a clear message, and makes no second account.
  await dialog.getByRole("button", { name: "Create another" }).click();
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await dialog.getByRole("textbox", { name: "First name" }).fill("Katherine");
  await dialog.getByRole("textbox", { name: "Last name" }).fill("Johnson");
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Viewer");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: `An account with ${email} already exists` })).toBeVisible();
  await expectNoAxeViolations(page);
  const users = await sql<{ id: string; password_hash: string | null }>("SELECT id, password_hash FROM users WHERE email = $1", [email]);
  expect(users).toHaveLength(1);
  expect(users[0].password_hash).toBeNull();

  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto("/login");
  await theirs.getByRole("button", { name: "Continue with SSO" }).click();
  await signInAtProvider(theirs, email);
  await expect(theirs).toHaveURL(new RegExp(`/${tenant}$`));
  const linked = await sql<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE user_id = $1", [users[0].id]);
  expect(linked[0].n).toBe(1);
  const bindings = await sql<{ name: string; namespace: string | null }>(
    "SELECT r.name, b.namespace FROM bindings b JOIN roles r ON r.id = b.role_id WHERE b.user_id = $1",
    [users[0].id],
  );
  expect(bindings).toEqual([{ name: "Developer", namespace: "company.team" }]);
  await theirs.context().close();
});

test("without SSO configured, single sign-on only cannot be chosen: the one-time password is the way", async ({ page, tenant }) => {
  await (await openCreateUser(page, tenant, appOrigin(E2E_PORTS.appWithoutEmail))).click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await expect(dialog.getByRole("radio", { name: "Single sign-on only" })).toBeDisabled();
  await expect(dialog.getByText("Single sign-on isn't configured here.")).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "One-time password" })).toBeChecked();
  await expectNoAxeViolations(page);
});
