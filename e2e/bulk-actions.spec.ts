import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, insertInvitation, signIn, sql, toasts } from "./helpers";

// Bulk actions on the Invitations and Users tabs (a selection around a server-rendered table, a report per row), the
// Users tab's link to its pending invitations, and its sortable column headers.

const unique = Date.now().toString(36);
const invitationsTable = (page: Page) => page.getByRole("table", { name: "Invitations to this tenant" });
const usersTable = (page: Page) => page.getByRole("table", { name: "Users of this tenant" });
/** The selection's "N selected", a status line above the table. */
const selectedCount = (page: Page) => page.getByRole("status").filter({ hasText: /^\d+ selected$/ });
const report = (page: Page) => page.getByRole("region", { name: "Result" });

async function signInAsAdmin(page: Page) {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL((url) => url.pathname !== "/login");
}

test("select pending invitations and revoke them: a confirmation, a toast, and a report that names the one skipped", async ({ page, tenant }) => {
  test.slow(); // a journey through the toolbar, a confirmation and the report, with axe scans
  const prefix = `bulk-revoke-${unique}`;
  const emails = [`${prefix}-a@e2e.test`, `${prefix}-b@e2e.test`, `${prefix}-c@e2e.test`];
  const ids: string[] = [];
  for (const email of emails) ids.push((await insertInvitation(tenant, email, { role: "Viewer" })).id);
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/invitations?q=${prefix}`);
  const table = invitationsTable(page);
  await expect(table.getByRole("row")).toHaveCount(1 + 3);

  // "Select all on this page" ticks every row; unticking one leaves the header half-ticked.
  const selectAll = table.getByRole("checkbox", { name: "Select all on this page" });
  await selectAll.check();
  for (const email of emails) await expect(table.getByRole("checkbox", { name: `Select ${email}`, exact: true })).toBeChecked();
  await expect(selectedCount(page)).toHaveText("3 selected");
  await table.getByRole("checkbox", { name: `Select ${emails[2]}`, exact: true }).uncheck();
  await expect(selectedCount(page)).toHaveText("2 selected");
  expect(await selectAll.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(true);
  await expectNoAxeViolations(page);

  // Clear empties the selection, and focus goes back to where selecting starts.
  await page.getByRole("button", { name: "Clear", exact: true }).click();
  await expect(selectedCount(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke…" })).toHaveCount(0);
  await expect(selectAll).toBeFocused();

  // All three selected; meanwhile the third is revoked elsewhere, so the server skips it and says why.
  await selectAll.check();
  await expect(selectedCount(page)).toHaveText("3 selected");
  await sql(`UPDATE invitations SET revoked_at = now() WHERE id = $1`, [ids[2]]);
  await page.getByRole("button", { name: "Revoke…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke 3 invitations?" });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(toasts(page).getByText("Revoke finished for 3 selected invitations; the summary above the list shows each.")).toBeVisible();
  await expect(report(page).getByRole("status")).toHaveText("2 invitations revoked, 1 skipped.");
  await expect(report(page).getByRole("listitem")).toHaveText([`${emails[2]}: Already revoked.`]);
  await expect(report(page).getByRole("status")).toBeFocused();
  await expect(selectedCount(page)).toHaveCount(0);
  for (const email of emails) {
    const row = table.getByRole("row").filter({ hasText: email });
    await expect(row.getByRole("cell").nth(3)).toHaveText("Revoked");
    // Nothing is left to do with a revoked invitation: no checkbox, no menu.
    await expect(row.getByRole("checkbox")).toHaveCount(0);
  }
  const entries = await sql<{ resource_id: string }>(
    `SELECT resource_id FROM audit_logs WHERE tenant_id = $1 AND action = 'REVOKE' AND resource_id = ANY($2::text[]) ORDER BY id`,
    [tenant, ids],
  );
  expect(entries.map((entry) => entry.resource_id).sort()).toEqual(ids.slice(0, 2).sort());
  await expectNoAxeViolations(page);

  await report(page).getByRole("button", { name: "Dismiss" }).click();
  await expect(report(page)).toHaveCount(0);
});

test("select users and disable them, then enable them again; one's own row has no checkbox", async ({ page, tenant }) => {
  test.slow();
  const prefix = `bulk-users-${unique}`;
  const emails = [`${prefix}-a@e2e.test`, `${prefix}-b@e2e.test`];
  for (const email of emails) await createUser(email, "bulk-user-password-1", { tenant });
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/users?q=${prefix}`);
  const table = usersTable(page);
  await expect(table.getByRole("row")).toHaveCount(1 + 2);

  for (const email of emails) await table.getByRole("checkbox", { name: `Select ${email}`, exact: true }).check();
  await expect(selectedCount(page)).toHaveText("2 selected");
  await page.getByRole("button", { name: "Disable…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Disable 2 users?" });
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(toasts(page).getByText("Disable finished for 2 selected users; the summary above the list shows each.")).toBeVisible();
  await expect(report(page).getByRole("status")).toHaveText("2 users disabled.");
  for (const email of emails) await expect(table.getByRole("row").filter({ hasText: email }).getByText("Disabled", { exact: true })).toBeVisible();
  const disabled = await sql<{ disabled: boolean }>(`SELECT disabled FROM users WHERE email = ANY($1::text[])`, [emails]);
  expect(disabled.map((row) => row.disabled)).toEqual([true, true]);
  await expectNoAxeViolations(page);

  // Enabling needs no confirmation; its toast is the report's summary.
  await table.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(selectedCount(page)).toHaveText("2 selected");
  await page.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(toasts(page).getByText("2 users enabled.")).toBeVisible();
  await expect(report(page).getByRole("status")).toHaveText("2 users enabled.");
  for (const email of emails) await expect(table.getByRole("row").filter({ hasText: email }).getByText("Active", { exact: true })).toBeVisible();
  const enabled = await sql<{ disabled: boolean }>(`SELECT disabled FROM users WHERE email = ANY($1::text[])`, [emails]);
  expect(enabled.map((row) => row.disabled)).toEqual([false, false]);

  // Nobody may disable themselves, so one's own row offers no checkbox.
  await page.goto(`/${tenant}/admin/iam/users?q=${encodeURIComponent(E2E_ADMIN.email)}`);
  await expect(table.getByRole("row").filter({ hasText: E2E_ADMIN.email })).toHaveCount(1);
  await expect(table.getByRole("checkbox", { name: `Select ${E2E_ADMIN.email}`, exact: true })).toHaveCount(0);
});

test("the Users tab links to its pending invitations, the Invitations tab filtered to them", async ({ page, tenant }) => {
  await insertInvitation(tenant, `bulk-pending-${unique}@e2e.test`, { role: "Viewer" });
  await insertInvitation(tenant, `bulk-expired-${unique}@e2e.test`, { role: "Viewer", expiresAt: new Date(Date.now() - 60_000) });
  const [{ pending }] = await sql<{ pending: number }>(
    `SELECT count(*)::int AS pending FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
    [tenant],
  );
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/users`);
  const link = page.getByRole("link", { name: `${pending} pending invitation${pending === 1 ? "" : "s"}`, exact: true });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/invitations\\?status=PENDING$`));
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("PENDING");
  const table = invitationsTable(page);
  await expect(table.getByRole("row").filter({ hasText: `bulk-pending-${unique}@e2e.test` })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: `bulk-expired-${unique}@e2e.test` })).toHaveCount(0);
});

test("the Users tab's Name and Email headers sort the list, with aria-sort on the column it is sorted by", async ({ page, tenant }) => {
  const prefix = `bulk-sort-${unique}`;
  const [first, second] = [`${prefix}-a@e2e.test`, `${prefix}-b@e2e.test`];
  for (const email of [first, second]) await createUser(email, "bulk-sort-password-1", { tenant });
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/users?q=${prefix}`);
  const table = usersTable(page);
  const emailHeader = table.getByRole("columnheader", { name: /Email/ });
  const nameHeader = table.getByRole("columnheader", { name: /Name/ });
  // The Email column of every row, top to bottom (the search leaves only this test's two).
  const emailsInOrder = () => table.locator("tbody tr td:nth-child(2)");

  // The default order, email A–Z, is the Email column's.
  await expect(emailHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(nameHeader).not.toHaveAttribute("aria-sort");
  await expect(emailsInOrder()).toHaveText([first, second]);
  await expectNoAxeViolations(page);

  // Again on the sorted column: Z–A, the search kept.
  await table.getByRole("link", { name: /^Email/ }).click();
  await expect(page).toHaveURL(/sort=-email/);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await expect(emailHeader).toHaveAttribute("aria-sort", "descending");
  await expect(emailsInOrder()).toHaveText([second, first]);
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("-email");

  await table.getByRole("link", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(emailHeader).not.toHaveAttribute("aria-sort");
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("name");
  await expectNoAxeViolations(page);
});
