import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, expectNoAxeViolations, signIn, sql } from "./helpers";

// A person's own account (/account): profile, password, sessions across two browsers, and the new password someone
// must choose first when theirs was set for them.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = "account-e2e-password-1";
const NEW_PASSWORD = "a fresh account passphrase 9";

async function signedIn(browser: Browser, email: string, password: string, userAgent?: string): Promise<Page> {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  const page = await context.newPage();
  await page.goto("/login");
  await signIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

test("from the user menu: rename yourself, see both browsers' sessions, sign the other out, then change the password", async ({ page, browser, tenant }) => {
  test.slow(); // two browsers, three password hashes
  const email = `account-${unique()}@e2e.test`;
  const userId = await createUser(email, PASSWORD, { tenant });
  await page.goto("/login");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  const other = await signedIn(browser, email, PASSWORD, FIREFOX);

  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(email);
  await expect(page.getByRole("region", { name: "Profile" }).getByText("Worker", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  // Profile: refused, then saved, with feedback, and the header follows.
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByRole("textbox", { name: "First name" }).fill("");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("Enter a first name")).toBeVisible();
  await profile.getByRole("textbox", { name: "First name" }).fill("Grace");
  await profile.getByRole("textbox", { name: "Last name" }).fill("Hopper");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("status")).toHaveText("Profile saved.");
  await expect(page.getByRole("button", { name: /User menu/ })).toContainText("Grace Hopper");

  // Sessions: this one and Firefox's.
  const sessions = page.getByRole("table", { name: "Your active sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByRole("row").filter({ hasText: "This session" })).toHaveCount(1);
  await expect(sessions.getByRole("row").filter({ hasText: "Firefox 133 on Linux" })).toHaveCount(1);
  await sessions.getByRole("button", { name: /Sign out Firefox 133 on Linux/ }).click();
  const confirm = page.getByRole("alertdialog", { name: "Sign out Firefox 133 on Linux?" });
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("Firefox 133 on Linux was signed out.")).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await other.goto(`/${tenant}`);
  await expect(other).toHaveURL(/\/login/);

  // Password: the checklist, a wrong current password, then a change that ends the (new) other session.
  const again = await signedIn(browser, email, PASSWORD);
  await page.reload();
  const change = page.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill("not the password at all");
  await change.getByLabel("New password", { exact: true }).fill("password1234");
  await expect(change.getByRole("listitem").filter({ hasText: "Not a commonly used password — not met" })).toBeVisible();
  await change.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await expect(change.getByRole("listitem").filter({ hasText: "Not a commonly used password — met" })).toBeVisible();
  await change.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("That is not your current password.")).toBeVisible();
  await expectNoAxeViolations(page);
  await change.getByLabel("Current password").fill(PASSWORD);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");
  await again.goto(`/${tenant}`);
  await expect(again).toHaveURL(/\/login/);
  await page.goto(`/${tenant}`);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  // On a 360 px phone the page fits its width: only the sessions table scrolls, inside its own frame.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Active sessions" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const audits = await sql<{ details: string }>(`SELECT details FROM audit_logs WHERE resource_id = $1 AND tenant_id IS NULL ORDER BY id`, [userId]);
  expect(audits.map((entry) => entry.details)).toEqual([
    `${email} renamed themselves`,
    `${email} signed out one of their other sessions`,
    `${email} changed their password (1 other sessions signed out)`,
  ]);
  await other.context().close();
  await again.context().close();
});

test("a password set for someone must be replaced before anything else, by keyboard alone", async ({ page, tenant }) => {
  const email = `must-change-${unique()}@e2e.test`;
  const userId = await createUser(email, PASSWORD, { tenant });
  await sql(`UPDATE users SET must_change_password = true WHERE id = $1`, [userId]);
  await page.goto("/login");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.goto(`/${tenant}/admin/iam`);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account\/password$/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Current password").focus();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Tab");
  await page.keyboard.type(NEW_PASSWORD);
  // Past the checklist (not focusable) to the confirmation.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Confirm new password")).toBeFocused();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  const [user] = await sql<{ must_change_password: boolean }>(`SELECT must_change_password FROM users WHERE id = $1`, [userId]);
  expect(user.must_change_password).toBe(false);
});
