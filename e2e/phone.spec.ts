import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { chooseOption, E2E_ADMIN, expectNoAxeViolations, insertInvitation, signIn, toasts } from "./helpers";

// The console on a phone (390×844, an iPhone 14's viewport; the sign-in page also at 360 px): no page scrolls
// sideways, the tenant's navigation opens from a menu button, and dialogs fit the screen with their buttons in reach.
test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("sign in, every IAM page and one's own account fit a phone; navigation opens from the menu button", async ({ page, tenant }) => {
  test.slow(); // a dozen pages and three axe scans
  await page.setViewportSize({ width: 360, height: 740 });
  const { token } = await insertInvitation(tenant, `phone-${Date.now().toString(36)}@e2e.test`);
  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/login");
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL((url) => url.pathname !== "/login");

  for (const path of ["users", "invitations", "groups", "roles", "namespaces", "security"]) {
    await page.goto(`/${tenant}/admin/iam/${path}`);
    await expect(page.getByRole("heading", { name: "IAM", level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
  for (const path of [`/${tenant}/admin/audit-logs`, "/account", "/account/security"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
  }

  // The sidebar is behind the menu button; following a link closes the sheet.
  await page.goto(`/${tenant}/admin/iam/users`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  const sheet = page.getByRole("dialog", { name: "Navigation" });
  await expect(sheet.getByRole("link", { name: "IAM" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page);
  await sheet.getByRole("link", { name: "Audit logs" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/audit-logs`));
  await expect(sheet).toBeHidden();

  // The Invite dialog is a full-screen sheet: its fields and its buttons are on screen.
  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await expect(dialog.getByRole("textbox", { name: "Email" })).toBeInViewport();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await dialog.getByRole("button", { name: "Invite", exact: true }).scrollIntoViewIfNeeded();
  await expect(dialog.getByRole("button", { name: "Invite", exact: true })).toBeInViewport();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

test("on a phone: invite someone with a role, then resend and revoke from the row's menu", async ({ page, tenant }) => {
  test.slow(); // a whole journey with axe scans
  const email = `phone-invite-${Date.now().toString(36)}@e2e.test`;
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL((url) => url.pathname !== "/login");

  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Viewer");
  await expectNoSidewaysScroll(page);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeInViewport();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");

  await page.goto(`/${tenant}/admin/iam/invitations?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("row").filter({ hasText: email });
  const actions = row.getByRole("button", { name: `Actions for the invitation for ${email}` });
  await actions.scrollIntoViewIfNeeded();
  await actions.click();
  const revoke = page.getByRole("menuitem", { name: "Revoke…" });
  await expect(revoke).toBeInViewport();
  await revoke.click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke the invitation for ${email}?` });
  await expect(confirm.getByRole("button", { name: "Revoke" })).toBeInViewport();
  await confirm.getByRole("button", { name: "Revoke" }).click();
  const toast = toasts(page).getByText(`The invitation for ${email} was revoked.`);
  await expect(toast).toBeInViewport();
  await expect(row.getByText("Revoked")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});
