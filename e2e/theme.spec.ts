import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_ADMIN, expectNoAxeViolations, insertInvitation, signIn } from "./helpers";

// Dark mode: the console follows the system's colour scheme unless the user chooses one in the user menu, and every
// page stays axe-clean (contrast included) in it. The palette is remapped in app/globals.css, so one scan per kind
// of page covers the shared pieces (tables, badges, dialogs, forms, the chart's table).

const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("with the system in dark mode, every kind of page is dark and axe-clean", async ({ page, tenant }) => {
  test.slow(); // a dozen pages, each scanned
  await page.emulateMedia({ colorScheme: "dark" });
  const { token } = await insertInvitation(tenant, `dark-${Date.now().toString(36)}@e2e.test`);
  await page.goto(`/invitations/${token}`);
  expect(await isDark(page)).toBe(true);
  expect(await background(page)).not.toBe("rgb(248, 250, 252)");
  await expectNoAxeViolations(page);
  await page.goto("/login");
  await expectNoAxeViolations(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL((url) => url.pathname !== "/login");

  for (const path of [`/${tenant}`, `/${tenant}/admin/iam`, `/${tenant}/admin/iam/users`, `/${tenant}/admin/iam/invitations`, `/${tenant}/admin/iam/groups`, `/${tenant}/admin/iam/roles`, `/${tenant}/admin/iam/security`, `/${tenant}/admin/audit-logs`, "/account", "/account/security"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await isDark(page), path).toBe(true);
    await expectNoAxeViolations(page);
  }

  // A dialog, a picker's list and a toast, in the dark.
  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await dialog.getByRole("radio", { name: "Role" }).check();
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await expect(page.getByRole("listbox", { name: "Role" }).getByRole("option").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the user menu's theme choice overrides the system's and is remembered", async ({ page, tenant }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.goto(`/${tenant}/admin/iam/users`);
  expect(await isDark(page)).toBe(false);

  await page.getByRole("button", { name: /^User menu/ }).click();
  await expect(page.getByRole("menuitemradio", { name: "Match the system" })).toBeChecked();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect.poll(() => isDark(page)).toBe(true);
  await page.reload();
  expect(await isDark(page)).toBe(true);
  await expectNoAxeViolations(page);

  // Back to the system's setting: follows it again, both ways.
  await page.getByRole("button", { name: /^User menu/ }).click();
  await page.getByRole("menuitemradio", { name: "Match the system" }).click();
  await expect.poll(() => isDark(page)).toBe(false);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => isDark(page)).toBe(true);
});
