import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql, chooseOption } from "./helpers";

const unique = Date.now().toString(36);
const groupsTable = (page: Page) => page.getByRole("table", { name: "Groups of this tenant" });

/** Signs in on the way to the Groups tab of the worker's tenant (the landing tenant depends on which tenants exist). */
async function signInAs(page: Page, tenant: string, email: string, password: string) {
  await page.goto(`/${tenant}/admin/iam/groups`);
  await signIn(page, email, password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/groups$`));
}

async function createGroupViaDialog(page: Page, tenant: string, name: string, description = "") {
  await page.goto(`/${tenant}/admin/iam/groups`);
  await page.getByRole("button", { name: "Create group" }).click();
  const dialog = page.getByRole("dialog", { name: "Create group" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("textbox", { name: "Description" }).fill(description);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
}

/** Presses Tab from the top of the page until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("never reached the target with Tab");
}

test("an admin creates a group, binds a role on a namespace, adds a member, and the audit log records it all", async ({ page, tenant }) => {
  test.slow(); // one long journey through four pages and three dialogs
  const groupName = `Data team ${unique}`;
  const memberEmail = `data-member-${unique}@e2e.test`;
  await createUser(memberEmail, "data-member-password-1", { tenant });
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/${tenant}`);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IAM" }).click();
  await page.getByRole("link", { name: "Groups", exact: true }).click();
  await expect(groupsTable(page)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Create group" }).click();
  const createDialog = page.getByRole("dialog", { name: "Create group" });
  await createDialog.getByRole("button", { name: "Create" }).click();
  await expect(createDialog.getByText("Enter a name")).toBeVisible();
  await expect(createDialog.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await createDialog.getByRole("textbox", { name: "Name" }).fill("x".repeat(101));
  await createDialog.getByRole("button", { name: "Create" }).click();
  await expect(createDialog.getByText("A group name has at most 100 characters")).toBeVisible();
  await createDialog.getByRole("textbox", { name: "Name" }).fill(groupName);
  await createDialog.getByRole("textbox", { name: "Description" }).fill("Owns the data pipelines");
  await createDialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();

  await page.getByRole("link", { name: "All groups" }).click();
  const row = groupsTable(page).getByRole("row").filter({ hasText: groupName });
  await expect(row).toContainText("Owns the data pipelines");
  await row.getByRole("link", { name: groupName }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/groups/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();
  await expect(page.getByText("No members yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Add role" }).click();
  const addRole = page.getByRole("dialog", { name: "Add role" });
  await expect(addRole.getByText("Leave all unchecked to grant the role tenant-wide.")).toBeVisible();
  await chooseOption(addRole.getByRole("combobox", { name: "Role" }), "Developer");
  await addRole.getByRole("group", { name: "Namespaces" }).getByRole("checkbox", { name: "company.team", exact: true }).check();
  await expectNoAxeViolations(page);
  await addRole.getByRole("button", { name: "Add", exact: true }).click();
  await expect(addRole).toBeHidden();
  const bindings = page.getByRole("table", { name: `Role bindings of ${groupName}` });
  await expect(bindings.getByRole("row").filter({ hasText: "Developer" })).toContainText("company.team");

  await page.getByRole("button", { name: "Add member" }).click();
  const addMember = page.getByRole("dialog", { name: "Add member" });
  // The picker lists the first users by email; a search asks the server, so anyone among any number can be found.
  const userPicker = addMember.getByRole("combobox", { name: "User" });
  await expect(userPicker).toBeFocused();
  await expect(userPicker).toHaveText("Choose a user");
  await userPicker.click();
  const findUser = page.getByRole("combobox", { name: "Find a user by email or name" });
  await expect(findUser).toBeFocused();
  await findUser.fill(`no-such-user-${Date.now()}`);
  const choices = page.getByRole("listbox", { name: "User" });
  await expect(choices).toContainText("No user outside this group matches");
  await expect(choices.getByRole("option")).toHaveCount(0);
  await findUser.fill(memberEmail);
  await expect(choices.getByRole("option")).toHaveText([`Test User (${memberEmail})`]);
  await expect(page.getByRole("status").filter({ hasText: "matches" })).toHaveText("1 user matches.");
  await expectNoAxeViolations(page);
  await choices.getByRole("option", { name: `Test User (${memberEmail})` }).click();
  await expect(userPicker).toBeFocused();
  await expect(userPicker).toHaveText(`Test User (${memberEmail})`);
  await expectNoAxeViolations(page);
  await addMember.getByRole("button", { name: "Add", exact: true }).click();
  await expect(addMember).toBeHidden();
  const members = page.getByRole("table", { name: `Members of ${groupName}` });
  await expect(members.getByRole("row").filter({ hasText: memberEmail })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "All groups" }).click();
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(row).toContainText("Developer · company.team");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit logs" }).click();
  const log = page.getByRole("table", { name: "Audit log entries" });
  await expect(log.getByRole("row").filter({ hasText: `Created group ${groupName}` })).toContainText("GROUP");
  await expect(log).toContainText(`Bound Developer on company.team to group ${groupName}`);
  await expect(log).toContainText(`Added ${memberEmail} to group ${groupName}`);
});

test("keyboard only: open Create group, type a name, press Enter; a taken name is refused next to the field", async ({ page, tenant }) => {
  const groupName = `Keyboard crew ${unique}`;
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  const createButton = page.getByRole("button", { name: "Create group" });

  await tabTo(page, createButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create group" });
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.keyboard.type(groupName);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();

  await page.goto(`/${tenant}/admin/iam/groups`);
  await tabTo(page, createButton);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.keyboard.type(groupName.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(dialog.getByText(`A group named "${groupName}" already exists.`)).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(createButton).toBeFocused();
  await expect(groupsTable(page).getByRole("link", { name: groupName, exact: true })).toHaveCount(1);
});

test("an admin renames a group, removes a tenant-wide role and a member, then deletes the group", async ({ page, tenant }) => {
  test.slow();
  const groupName = `Short-lived ${unique}`;
  const memberEmail = `short-lived-${unique}@e2e.test`;
  await createUser(memberEmail, "short-lived-password-1", { tenant });
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  await createGroupViaDialog(page, tenant, groupName);

  await page.getByRole("button", { name: "Edit group" }).click();
  const edit = page.getByRole("dialog", { name: "Edit group" });
  await expect(edit.getByRole("textbox", { name: "Name" })).toHaveValue(groupName);
  await edit.getByRole("textbox", { name: "Name" }).fill(`${groupName} (renamed)`);
  await edit.getByRole("textbox", { name: "Description" }).fill("Gone soon");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: `${groupName} (renamed)`, level: 2 })).toBeVisible();
  await expect(page.getByText("Gone soon")).toBeVisible();

  await page.getByRole("button", { name: "Add role" }).click();
  const addRole = page.getByRole("dialog", { name: "Add role" });
  await chooseOption(addRole.getByRole("combobox", { name: "Role" }), "Viewer");
  await addRole.getByRole("button", { name: "Add", exact: true }).click();
  const bindings = page.getByRole("table", { name: `Role bindings of ${groupName} (renamed)` });
  await expect(bindings.getByRole("row").filter({ hasText: "Viewer" })).toContainText("Tenant-wide");

  await page.getByRole("button", { name: "Add member" }).click();
  const addMember = page.getByRole("dialog", { name: "Add member" });
  // With the keyboard alone: Enter opens the focused picker, type to search, Enter picks the match, Tab to Add, Enter.
  const picker = addMember.getByRole("combobox", { name: "User" });
  await expect(picker).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.type(memberEmail);
  await expect(page.getByRole("listbox", { name: "User" }).getByRole("option")).toHaveText([`Test User (${memberEmail})`]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(picker).toBeFocused();
  await expect(picker).toHaveText(`Test User (${memberEmail})`);
  await page.keyboard.press("Tab");
  await expect(addMember.getByRole("button", { name: "Add", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  const members = page.getByRole("table", { name: `Members of ${groupName} (renamed)` });
  await expect(members).toContainText(memberEmail);

  await bindings.getByRole("button", { name: "Remove Viewer tenant-wide" }).click();
  const confirmBinding = page.getByRole("alertdialog", { name: "Remove Viewer tenant-wide?" });
  await expectNoAxeViolations(page);
  await confirmBinding.getByRole("button", { name: "Remove" }).click();
  await expect(bindings.getByText("No roles yet")).toBeVisible();

  await members.getByRole("button", { name: `Remove ${memberEmail}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(members.getByText("No members yet.")).toBeVisible();

  await page.getByRole("button", { name: "Delete group" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: `Delete ${groupName} (renamed)?` });
  await expect(confirmDelete).toContainText("This can't be undone.");
  await confirmDelete.getByRole("button", { name: "Delete group" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/groups$`));
  await expect(groupsTable(page)).not.toContainText(groupName);

  await page.goto(`/${tenant}/admin/audit-logs`);
  const log = page.getByRole("table", { name: "Audit log entries" });
  await expect(log).toContainText(`Renamed group ${groupName} to ${groupName} (renamed)`);
  await expect(log).toContainText(`Deleted group ${groupName} (renamed) with 0 members and 0 role bindings`);
});

test("unknown, malformed and other tenants' group ids get the not-found page", async ({ page, tenant }) => {
  await sql(`INSERT INTO tenants (id, name) VALUES ('groups-elsewhere', 'Other groups tenant') ON CONFLICT DO NOTHING`);
  const [foreign] = await sql<{ id: string }>(
    `INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), 'groups-elsewhere', $1) RETURNING id`,
    [`Foreign ${unique}`],
  );
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  for (const groupId of [randomUUID(), "not-a-uuid", foreign.id]) {
    const response = await page.goto(`/${tenant}/admin/iam/groups/${groupId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Group not found" })).toBeVisible();
    await expect(page.getByText(`Foreign ${unique}`)).toHaveCount(0);
  }
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to groups" }).click();
  await expect(groupsTable(page)).toBeVisible();
});

test("someone who may only read groups sees no buttons to change them, and without GROUP:READ gets 403", async ({ page, tenant }) => {
  const email = `group-reader-${unique}@e2e.test`;
  const password = "group-reader-password-1";
  const groupName = `Read only ${unique}`;
  const userId = await createUser(email, password, { tenant });
  const [role] = await sql<{ id: string }>(
    `INSERT INTO roles (id, tenant_id, name, permissions) VALUES (gen_random_uuid(), $2, $1, '{"GROUP": ["READ"]}') RETURNING id`,
    [`Group reader ${unique}`, tenant],
  );
  await sql(`INSERT INTO bindings (id, tenant_id, type, user_id, role_id) VALUES (gen_random_uuid(), $3, 'USER', $1, $2)`, [userId, role.id, tenant]);
  const [group] = await sql<{ id: string }>(`INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), $2, $1) RETURNING id`, [groupName, tenant]);
  await sql(`INSERT INTO group_memberships (group_id, user_id) VALUES ($1, $2)`, [group.id, userId]);

  await signInAs(page, tenant, email, password);
  await expect(groupsTable(page).getByRole("link", { name: groupName })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create group" })).toHaveCount(0);

  await groupsTable(page).getByRole("link", { name: groupName }).click();
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();
  await expect(page.getByRole("table", { name: `Members of ${groupName}` })).toContainText(email);
  for (const name of ["Edit group", "Delete group", "Add member", "Add role", "Remove"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expectNoAxeViolations(page);

  await sql(`DELETE FROM bindings WHERE user_id = $1`, [userId]);
  for (const path of ["groups", `groups/${group.id}`]) {
    const response = await page.goto(`/${tenant}/admin/iam/${path}`);
    expect(response?.status(), path).toBe(403);
  }
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("a large group's members are paged 25 at a time and can be searched", async ({ page, tenant }) => {
  const groupName = `Large ${unique}`;
  const [group] = await sql<{ id: string }>(`INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), $2, $1) RETURNING id`, [groupName, tenant]);
  await sql(
    `WITH created AS (
       INSERT INTO users (id, email, first_name, last_name, updated_at)
       SELECT gen_random_uuid(), 'large-' || lpad(n::text, 2, '0') || '-' || $1 || '@e2e.test', CASE WHEN n = 28 THEN 'Zelda' ELSE 'Large' END, 'Member', now()
       FROM generate_series(1, 30) AS n RETURNING id),
     access AS (INSERT INTO tenant_access (tenant_id, user_id) SELECT $3, id FROM created)
     INSERT INTO group_memberships (group_id, user_id) SELECT $2::uuid, id FROM created`,
    [unique, group.id, tenant],
  );
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/${tenant}/admin/iam/groups/${group.id}`);
  const members = page.getByRole("table", { name: `Members of ${groupName}` });
  const pager = page.getByRole("navigation", { name: "Members pages" });
  await expect(page.getByRole("heading", { name: "Members (30)" })).toBeVisible();
  await expect(members.getByRole("row")).toHaveCount(26);
  await expect(members.getByRole("row").nth(1)).toContainText(`large-01-${unique}@e2e.test`);
  await expectNoAxeViolations(page);

  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(members.getByRole("row")).toHaveCount(6);
  await expect(members.getByRole("row").nth(1)).toContainText(`large-26-${unique}@e2e.test`);
  await expect(pager.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(members.getByRole("row")).toHaveCount(26);

  await page.getByRole("searchbox", { name: "Search members" }).fill(`zelda ${unique}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(members.getByRole("row")).toHaveCount(2);
  await expect(members).toContainText(`large-28-${unique}@e2e.test`);
  await page.getByRole("searchbox", { name: "Search members" }).fill(`nobody-${unique}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(members).toContainText(`No member matches “nobody-${unique}”.`);
  await expectNoAxeViolations(page);
});

test("the Groups tab pages 50 groups at a time and searches them by name, by keyboard", async ({ page, tenant }) => {
  await sql(
    `INSERT INTO groups (id, tenant_id, name) SELECT gen_random_uuid(), $2, 'Squad ' || $1 || ' ' || lpad(n::text, 2, '0') FROM generate_series(1, 53) AS n`,
    [unique, tenant],
  );
  await signInAs(page, tenant, E2E_ADMIN.email, E2E_ADMIN.password);
  const search = page.getByRole("searchbox", { name: "Search groups" });
  const pager = page.getByRole("navigation", { name: "Groups pages" });
  await tabTo(page, search);
  await page.keyboard.type(`squad ${unique}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?q=squad/);
  await expect(groupsTable(page).getByRole("row")).toHaveCount(51);
  await expect(groupsTable(page).getByRole("row").nth(1)).toContainText(`Squad ${unique} 01`);
  await expect(pager.getByRole("link", { name: "Previous page" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(groupsTable(page).getByRole("row")).toHaveCount(4);
  await expect(groupsTable(page).getByRole("row").nth(1)).toContainText(`Squad ${unique} 51`);
  await expect(search).toHaveValue(`squad ${unique}`);
  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(groupsTable(page).getByRole("row").nth(50)).toContainText(`Squad ${unique} 50`);

  await search.fill(`squad ${unique} 07`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(groupsTable(page).getByRole("row")).toHaveCount(2);
  await groupsTable(page).getByRole("link", { name: `Squad ${unique} 07` }).click();
  await expect(page.getByRole("heading", { name: `Squad ${unique} 07`, level: 2 })).toBeVisible();

  await page.goto(`/${tenant}/admin/iam/groups?q=nothing-${unique}`);
  await expect(groupsTable(page)).toContainText(`No group matches “nothing-${unique}”.`);
  await expectNoAxeViolations(page);
  // The worker's other tests share its tenant and look for their own groups on the first page.
  await sql(`DELETE FROM groups WHERE tenant_id = $2 AND name LIKE 'Squad ' || $1 || ' %'`, [unique, tenant]);
});
