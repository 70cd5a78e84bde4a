import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { appOrigin, E2E_PORTS } from "../playwright.config";
import { createUser, E2E_ADMIN, emailsTo, expectNoAxeViolations, injectResendFaults, invitationLinkFromEmail, signIn, chooseOption, chooseOptionByKeyboard, sql, tabToRoleAccess, toasts } from "./helpers";

const unique = Date.now().toString(36);
const LINK = /^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/;
const invitationsTable = (page: Page) => page.getByRole("table", { name: "Invitations to this tenant" });

async function signInTo(page: Page, tenant: string, origin = "") {
  await page.goto(`${origin}/${tenant}/admin/iam/users`);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/users$`));
}

async function openInviteDialog(page: Page) {
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await expect(dialog.getByRole("textbox", { name: "Email" })).toBeFocused();
  return dialog;
}

async function chooseRole(dialog: Locator, role: string, namespaces: string[] = []) {
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), role);
  for (const namespace of namespaces) {
    await dialog.getByRole("group", { name: "Namespaces" }).getByRole("checkbox", { name: namespace, exact: true }).check();
  }
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("never reached the target with Tab");
}

test("an admin invites with a role on a namespace, shares the link, resends and revokes it", async ({ page, context, tenant }) => {
  test.slow(); // one journey through two dialogs and the tab, with six axe scans
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: appOrigin(E2E_PORTS.app) });
  const email = `x+${unique}@e2e.test`;
  await signInTo(page, tenant);

  const dialog = await openInviteDialog(page);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText("Enter an email address")).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true");
  // A tenant with groups starts on Group, one without on Role: never on a choice with nothing to choose.
  const [{ groups }] = await sql<{ groups: number }>("SELECT count(*)::int AS groups FROM groups WHERE tenant_id = $1", [tenant]);
  await expect(dialog.getByRole("radio", { name: groups ? "Group" : "Role" })).toBeChecked();
  if (groups) await expect(dialog.getByText("Choose at least one group")).toBeVisible();
  else await expect(dialog.getByRole("combobox", { name: "Role" })).toHaveAccessibleDescription(/Choose a role/);
  await expectNoAxeViolations(page);

  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await chooseRole(dialog, "Developer", ["company.team"]);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const linkField = dialog.getByRole("textbox", { name: "Invitation link" });
  await expect(linkField).toHaveValue(LINK);
  await expect(linkField).toHaveAttribute("readonly", "");
  const firstLink = await linkField.inputValue();
  expect(await invitationLinkFromEmail(email)).toBe(firstLink);
  await expectNoAxeViolations(page);

  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstLink);

  // The same address again: no second invitation, a resend instead, which rotates the link.
  await dialog.getByRole("button", { name: "Invite another" }).click();
  await dialog.getByRole("textbox", { name: "Email" }).fill(email.toUpperCase());
  await chooseRole(dialog, "Developer", ["company.team"]);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText(`${email} already has a pending invitation`)).toBeVisible();
  await dialog.getByRole("button", { name: "Resend invitation" }).click();
  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const secondLink = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(secondLink).toMatch(LINK);
  expect(secondLink).not.toBe(firstLink);
  await expect.poll(async () => (await emailsTo(email)).length).toBe(2);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: "Invitations", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/invitations$`));
  await expectNoAxeViolations(page);
  await page.getByRole("searchbox", { name: "Search by email" }).fill(email);
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Pending" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/status=PENDING/);
  const row = invitationsTable(page).getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Developer on company.team");
  await expect(row.getByRole("cell").nth(3)).toHaveText("Pending");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Sent");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Super Admin");

  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Accepted" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(invitationsTable(page)).toContainText("No invitations match these filters.");
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "All" });
  await page.getByRole("button", { name: "Search", exact: true }).click();

  // The row's actions are in one menu, named after the invitation.
  await row.getByRole("button", { name: `Actions for the invitation for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Resend" }).click();
  const resent = page.getByRole("dialog", { name: "Invitation resent" });
  const thirdLink = await resent.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(thirdLink).toMatch(LINK);
  expect(thirdLink).not.toBe(secondLink);
  await expect(resent.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await resent.getByRole("button", { name: "Copy link" }).click();
  await expect(resent.getByText("Copied")).toBeVisible();
  await expectNoAxeViolations(page);
  await resent.getByRole("button", { name: "Done" }).click();
  await expect(resent).toBeHidden();
  await expect(row.getByRole("button", { name: `Actions for the invitation for ${email}` })).toBeFocused();

  // A link replaced by Resend says so, rather than calling itself invalid.
  await page.goto(secondLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This invitation link was replaced");
  await expect(page.getByText("A newer invitation was sent to this address.")).toBeVisible();

  await page.goto(`/${tenant}/admin/iam/invitations?q=${encodeURIComponent(email)}`);
  await row.getByRole("button", { name: `Actions for the invitation for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Revoke…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke the invitation for ${email}?` });
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(confirm).toBeHidden();
  await expect(toasts(page).getByText(`The invitation for ${email} was revoked.`)).toBeVisible();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  await page.goto(thirdLink);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("revoked");
});

test("without email configured, the dialog gives the link to share by hand", async ({ page, tenant }) => {
  const origin = appOrigin(E2E_PORTS.appWithoutEmail);
  const email = `share-${unique}@e2e.test`;
  await signInTo(page, tenant, origin);
  const dialog = await openInviteDialog(page);
  await expect(dialog).toContainText("Email isn't configured here");
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await chooseRole(dialog, "Viewer");
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText("Email isn't configured — share this link")).toBeVisible();
  const link = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link.startsWith(`${origin}/invitations/`)).toBe(true);
  await expect(dialog.getByRole("button", { name: "Copy link" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await emailsTo(email)).toHaveLength(0);

  await page.goto(`${origin}/${tenant}/admin/iam/invitations?q=${encodeURIComponent(email)}`);
  const row = invitationsTable(page).getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell").nth(1)).toHaveText("Viewer tenant-wide");
  // Said once above the table, not "Not configured" on every row.
  await expect(page.getByText("Email isn't configured: each link is shown once")).toBeVisible();
  await expect(invitationsTable(page).getByRole("columnheader", { name: "Delivery" })).toHaveCount(0);
  await expect(row).not.toContainText("Not configured");
});

test("when Resend fails, the outbox tries again and the email arrives once", async ({ page, tenant }) => {
  const email = `bounce-${unique}@e2e.test`;
  await signInTo(page, tenant);
  const dialog = await openInviteDialog(page);
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await chooseRole(dialog, "Viewer", ["other"]);
  await injectResendFaults(email, 1);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  // The email is queued with the invitation; the first try fails, the retry (after 5 s by default) delivers it.
  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const link = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(LINK);
  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(1);
  expect(await invitationLinkFromEmail(email)).toBe(link);

  await page.goto(`/${tenant}/admin/iam/invitations?q=${encodeURIComponent(email)}`);
  const row = invitationsTable(page).getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell").nth(4)).toHaveText("Sent");
  expect(await emailsTo(email)).toHaveLength(1);
});

test("Invite several reports each address: invited, invalid, duplicate", async ({ page, tenant }) => {
  const addresses = ["a", "b", "c"].map((name) => `bulk-${name}-${unique}@e2e.test`);
  await signInTo(page, tenant);
  const dialog = await openInviteDialog(page);
  await dialog.getByRole("tab", { name: "Invite several" }).click();
  await expect(dialog.getByRole("tab", { name: "Invite several" })).toHaveAttribute("aria-selected", "true");
  const emails = dialog.getByRole("textbox", { name: "Emails" });
  await emails.fill([addresses[0], `${addresses[1]}, not-an-email`, `${addresses[2]};${addresses[0].toUpperCase()}`].join("\n"));
  await expect(dialog).toContainText("3 to invite, 1 not valid, 1 repeated.");
  await chooseRole(dialog, "Viewer", ["company"]);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();

  const results = dialog.getByRole("table", { name: "Invitation results" });
  await expect(results.getByRole("row")).toHaveCount(6);
  for (const address of addresses) {
    await expect(results.getByRole("row").filter({ hasText: address }).first().getByRole("cell").nth(1)).toHaveText("Invited");
  }
  await expect(results.getByRole("row").filter({ hasText: "not-an-email" }).getByRole("cell").nth(1)).toHaveText("Invalid");
  await expect(results.getByRole("row").nth(5).getByRole("cell").nth(1)).toHaveText("Duplicate");
  await expect(dialog.getByText("Done: 3 invited, 1 invalid, 1 duplicate.")).toBeVisible();
  await expectNoAxeViolations(page);
  for (const address of addresses) expect(await invitationLinkFromEmail(address)).toMatch(LINK);
  expect(await emailsTo(addresses[0])).toHaveLength(1);
});

test("inviting someone who already has an account grants access at once, and the list behind the dialog shows them", async ({ page, tenant }) => {
  const email = `existing-${unique}@e2e.test`;
  await createUser(email, "existing-account-password-1");
  await signInTo(page, tenant);
  const users = page.getByRole("table", { name: "Users of this tenant" });
  await page.getByRole("searchbox").fill(email);
  await page.getByRole("searchbox").press("Enter");
  await expect(users).toContainText("No users match these filters.");

  const dialog = await openInviteDialog(page);
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await chooseRole(dialog, "Viewer");
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByRole("status")).toHaveText(`${email} already had an account: access granted`);
  // The action does not re-render the page; the dialog refreshes it while the outcome is shown.
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(users.getByRole("row").filter({ hasText: email })).toContainText("Viewer");
  expect(await emailsTo(email)).toHaveLength(0);
});

test("a keyboard-only invite", async ({ page, tenant }) => {
  const email = `keys-${unique}@e2e.test`;
  await signInTo(page, tenant);
  await tabTo(page, page.getByRole("button", { name: "Invite", exact: true }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await expect(dialog.getByRole("textbox", { name: "Email" })).toBeFocused();
  await page.keyboard.type(email);

  await tabToRoleAccess(dialog);
  const role = dialog.getByRole("combobox", { name: "Role" });
  await tabTo(page, role);
  await chooseOptionByKeyboard(role, "Viewer");
  await tabTo(page, dialog.getByRole("checkbox", { name: "company.team", exact: true }));
  await page.keyboard.press("Space");
  await tabTo(page, dialog.getByRole("button", { name: "Invite", exact: true }));
  await page.keyboard.press("Enter");

  await expect(dialog.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Copy link" }));
  await page.keyboard.press("Enter");
  await expect(dialog.getByText(/^Copied$|Couldn't copy/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Invite", exact: true })).toBeFocused();

  await page.goto(`/${tenant}/admin/iam/invitations?q=${encodeURIComponent(email)}`);
  await expect(invitationsTable(page).getByRole("row").filter({ hasText: email })).toContainText("Viewer on company.team");
});

test("when the dialog's choices cannot be loaded, it says so and Try again loads them", async ({ page, tenant }) => {
  await signInTo(page, tenant);
  // A lost connection is the one thing that cannot happen here by itself: until "Try again", the browser aborts the
  // dialog's server action requests (the read of the groups and roles; the hover before the click sends one too).
  let isOffline = true;
  let aborted = 0;
  await page.route(`**/${tenant}/admin/iam/users**`, async (route) => {
    if (isOffline && route.request().method() === "POST" && route.request().headers()["next-action"]) {
      aborted += 1;
      return route.abort("internetdisconnected");
    }
    return route.fallback();
  });
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await expect(dialog.getByRole("alert")).toHaveText("The groups and roles you can grant could not be loaded. Check your connection and try again.");
  await expectNoAxeViolations(page);
  isOffline = false;
  await dialog.getByRole("button", { name: "Try again" }).click();
  await expect(dialog.getByRole("textbox", { name: "Email" })).toBeFocused();
  await expect(dialog.getByRole("combobox", { name: "Role" }).or(dialog.getByRole("radio", { name: "Role" })).first()).toBeVisible();
  expect(aborted).toBeGreaterThanOrEqual(1);
});
