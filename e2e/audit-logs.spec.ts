import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql } from "./helpers";

// The seed's entry is in `main`, which no spec writes to (e2e/fixtures.ts); entries a test adds go to its worker's tenant.
const SEED_ENTRY = `First superadmin ${E2E_ADMIN.email} created`;

/** Signs in as the superadmin, who lands on `main`, and opens the audit log of `tenant` from its navigation. */
async function openAuditLogs(page: Page, tenant = "main") {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  if (tenant !== "main") await page.goto(`/${tenant}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit logs" }).click();
  await expect(page.getByRole("heading", { name: "Audit logs", level: 1 })).toBeVisible();
}

function entries(page: Page) {
  return page.getByRole("table", { name: "Audit log entries" });
}

/** The log's own rows, not those of the before/after tables nested in them. */
function entryRows(page: Page) {
  return entries(page).locator(":scope > tbody > tr");
}

/** An entry's record as stored, under its sentence: "USER / CREATE · resource … · actor …". */
function recordLine(row: Locator) {
  return row.locator(":scope > td:nth-child(2) > p:last-child");
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

async function applyFilters(page: Page, filters: { type?: string; actor?: string; from?: string; to?: string }) {
  const form = page.getByRole("search", { name: "Filter audit logs" });
  if (filters.type !== undefined) await form.getByLabel("Resource type").selectOption(filters.type);
  if (filters.actor !== undefined) await form.getByLabel("Actor").fill(filters.actor);
  if (filters.from !== undefined) await form.getByLabel("From", { exact: true }).fill(filters.from);
  if (filters.to !== undefined) await form.getByLabel("To", { exact: true }).fill(filters.to);
  await form.getByRole("button", { name: "Search", exact: true }).click();
}

test("the audit log shows who changed what, filters by type and actor, and shows the change side by side", async ({ page }) => {
  await openAuditLogs(page);
  for (const column of ["Date", "Event", "Changes"]) {
    await expect(entries(page).getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  await applyFilters(page, { type: "USER" });
  await expect(page).toHaveURL(/[?&]type=USER(&|$)/);
  const seedRow = entryRows(page).filter({ hasText: SEED_ENTRY });
  await expect(seedRow).toHaveCount(1);
  // In words, with the created user leading to their page; the record as stored below it, the system as its actor.
  const event = seedRow.getByRole("cell").nth(1);
  await expect(event.locator("p").first()).toHaveText(`${E2E_ADMIN.email} was created as a superadmin`);
  await expect(event.getByRole("link", { name: E2E_ADMIN.email, exact: true })).toHaveAttribute("href", /^\/main\/admin\/iam\/users\/[0-9a-f-]{36}$/);
  await expect(recordLine(seedRow)).toHaveText(/^USER \/ CREATE · resource [0-9a-f-]{36} · actor system$/);
  const records = await recordLine(entryRows(page)).allTextContents();
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) expect(record).toMatch(/^USER \/ [A-Z_]+ · /);

  // Before/after: the seed created the user, so every field is new.
  await seedRow.getByText("2 fields: email, superAdmin").click();
  const changes = seedRow.getByRole("table", { name: /^Changes to resource / });
  await expect(changes.getByRole("row", { name: /email/ })).toContainText(E2E_ADMIN.email);
  await expect(changes.getByRole("row", { name: /superAdmin/ }).getByRole("cell").nth(0)).toHaveText("(none)");
  await expect(changes.getByRole("row", { name: /superAdmin/ }).getByRole("cell").nth(1)).toHaveText("true");
  await expectNoAxeViolations(page);

  // The URL is the state: reloading keeps the filter and the form shows it.
  await page.reload();
  await expect(page.getByLabel("Resource type")).toHaveValue("USER");

  await applyFilters(page, { actor: "Nobody-Matches" });
  await expect(page).toHaveURL(/actor=nobody-matches|actor=Nobody-Matches/);
  await expect(entries(page).getByText("No entries match these filters.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/main\/admin\/audit-logs$/);
  await expect(page.getByLabel("Resource type")).toHaveValue("");
  await expect(page.getByLabel("Actor")).toHaveValue("");
  await expect(entryRows(page).first()).toBeVisible();
});

test("more than fifty entries are paged with Newer and Older, ties on the date included", async ({ page, tenant }) => {
  // 60 entries on one UTC day of 2001, three to a second, so the page boundary falls inside a tie.
  await sql(
    `INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action, details, created_at)
     SELECT $1, 'pager@e2e.test', 'NAMESPACE', 'e2e.pager', 'UPDATE', 'e2e pager row ' || lpad(g::text, 2, '0'),
            timestamp '2001-02-03 04:05:06' + (g / 3) * interval '1 second'
     FROM generate_series(1, 60) AS g ORDER BY g`,
    [tenant],
  );
  await openAuditLogs(page, tenant);
  await applyFilters(page, { type: "NAMESPACE", actor: "pager@", from: "2001-02-03", to: "2001-02-03" });

  await expect(entryRows(page)).toHaveCount(50);
  await expect(entryRows(page).first()).toContainText("e2e pager row 60");
  await expect(entryRows(page).last()).toContainText("e2e pager row 11");
  const pages = page.getByRole("navigation", { name: "Audit log pages" });
  await expect(pages.getByRole("link", { name: "Newer" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/[?&]before=[\w-]+/);
  await expect(entryRows(page)).toHaveCount(10);
  await expect(entryRows(page).first()).toContainText("e2e pager row 10");
  await expect(entryRows(page).last()).toContainText("e2e pager row 01");
  await expect(pages.getByRole("link", { name: "Older" })).toHaveCount(0);
  await expect(page.getByLabel("Resource type")).toHaveValue("NAMESPACE");
  await expectNoAxeViolations(page);

  await pages.getByRole("link", { name: "Newer" }).click();
  await expect(entryRows(page)).toHaveCount(50);
  await expect(entryRows(page).first()).toContainText("e2e pager row 60");
  await expect(pages.getByRole("link", { name: "Newer" })).toHaveCount(0);
});

test("a tampered page link or a bad filter in the URL is ignored with a note, never an error", async ({ page }) => {
  await openAuditLogs(page);
  const response = await page.goto("/main/admin/audit-logs?type=USER&before=bm90LWEtY3Vyc29y&from=2024-13-45&actor=a%20b");
  expect(response?.status()).toBe(200);
  const notes = page.getByRole("status").filter({ hasText: "ignored" });
  await expect(notes).toContainText("The page link was not valid, so the newest entries are shown.");
  await expect(notes).toContainText("From “2024-13-45” is not a date (YYYY-MM-DD), so it was ignored.");
  await expect(notes).toContainText("The actor filter must be an email or its beginning");
  await expect(page.getByLabel("Resource type")).toHaveValue("USER");
  await expect(entryRows(page).filter({ hasText: SEED_ENTRY })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test("each entry reads as a sentence whose resources lead to their pages; a deleted group's name stays, unlinked", async ({ page, tenant }) => {
  const unique = Date.now().toString(36);
  const email = `sentence-${unique}@e2e.test`;
  const userId = await createUser(email, "sentence-user-password-1", { tenant });
  const groupName = `Sentence team ${unique}`;
  const [group] = await sql<{ id: string }>(`INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [tenant, groupName]);
  const goneName = `Gone crew ${unique}`;
  const [admin] = await sql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [E2E_ADMIN.email]);
  // As lib/iam/groups/group-memberships.ts and group-writes.ts record them; the deleted group's id is in no table.
  await sql(
    `INSERT INTO audit_logs (tenant_id, actor_id, actor_email, resource_type, resource_id, action, details, before, after)
     VALUES ($1, $2, $3, 'GROUP_MEMBERSHIP', $4, 'CREATE', $5, NULL, $6), ($1, $2, $3, 'GROUP', gen_random_uuid()::text, 'DELETE', $7, $8, NULL)`,
    [
      tenant,
      admin.id,
      E2E_ADMIN.email,
      `${group.id}:${userId}`,
      `Added ${email} to group ${groupName}`,
      JSON.stringify({ group: groupName, user: email }),
      `Deleted group ${goneName} with 0 members and 0 role bindings`,
      JSON.stringify({ name: goneName, description: "", members: [], bindings: [] }),
    ],
  );
  await openAuditLogs(page, tenant);

  const added = entryRows(page).filter({ hasText: `${E2E_ADMIN.email} added ${email} to ${groupName}` });
  await expect(added).toHaveCount(1);
  await expect(added.getByRole("link", { name: E2E_ADMIN.email, exact: true })).toHaveAttribute("href", `/${tenant}/admin/iam/users/${admin.id}`);
  await expect(added.getByRole("link", { name: email, exact: true })).toHaveAttribute("href", `/${tenant}/admin/iam/users/${userId}`);
  await expect(added.getByRole("link", { name: groupName, exact: true })).toHaveAttribute("href", `/${tenant}/admin/iam/groups/${group.id}`);
  await expect(recordLine(added)).toHaveText(`GROUP_MEMBERSHIP / CREATE · resource ${group.id}:${userId} · actor ${E2E_ADMIN.email}`);
  await expect(added).toContainText(`Added ${email} to group ${groupName}`);

  const deleted = entryRows(page).filter({ hasText: `${E2E_ADMIN.email} deleted the group ${goneName}` });
  await expect(deleted).toHaveCount(1);
  await expect(deleted.getByRole("link", { name: goneName })).toHaveCount(0);
  await expect(recordLine(deleted)).toContainText("GROUP / DELETE");
  await expectNoAxeViolations(page);

  // Nothing on the page scrolls sideways on a small phone; the table scrolls in its own box.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(page);

  await added.getByRole("link", { name: groupName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/groups/${group.id}$`));
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();
});
