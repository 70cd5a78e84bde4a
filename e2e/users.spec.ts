import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql, chooseOption, toasts } from "./helpers";

const stamp = Date.now();

test("search, filter and open a user; bind a role on a namespace and disable them", async ({ page, tenant }) => {
  const email = `grace-${stamp}@e2e.test`;
  await createUser(email, "grace-password-123", { tenant });
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam/users`);

  // A mark on this document: a search must be a client-side navigation, not a reload of the whole console. The lazy
  // Invite button is enabled only once the page has hydrated (before that, any form submits natively).
  await expect(page.getByRole("button", { name: "Invite" })).toBeEnabled();
  await page.evaluate(() => Object.assign(window, { beforeSearch: true }));
  await page.getByRole("searchbox", { name: "Search users" }).fill(`grace-${stamp}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=grace-${stamp}`));
  const table = page.getByRole("table", { name: "Users of this tenant" });
  await expect(table.getByRole("row")).toHaveCount(2);
  expect(await page.evaluate(() => "beforeSearch" in window)).toBe(true);
  await expectNoAxeViolations(page);

  await page.getByRole("combobox", { name: "Status" }).selectOption("disabled");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(table).toContainText("No users match these filters.");

  await page.goto(`/${tenant}/admin/iam/users?q=grace-${stamp}`);
  await table.getByRole("link", { name: "Test User" }).click();
  await expect(page.getByRole("heading", { name: "Test User", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Add role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add role" });
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByText("Choose a role")).toHaveCount(2);
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Developer");
  await dialog.getByRole("group", { name: "Namespaces" }).getByRole("checkbox", { name: "company.team", exact: true }).check();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog).toBeHidden();
  const bindings = page.getByRole("table", { name: `Role bindings of ${email}` });
  await expect(bindings.getByRole("row").filter({ hasText: "Developer" })).toContainText("company.team");

  await page.getByRole("button", { name: "Disable user" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  const [row] = await sql<{ disabled: boolean }>("SELECT disabled FROM users WHERE email = $1", [email]);
  expect(row.disabled).toBe(true);
});

test("a user without IAM permissions sees no IAM navigation and gets 403 on every IAM page", async ({ page, tenant }) => {
  const email = `viewer-${stamp}@e2e.test`;
  const password = "viewer-password-123";
  const userId = await createUser(email, password, { tenant });
  await sql(`INSERT INTO bindings (id, tenant_id, type, user_id, role_id) SELECT gen_random_uuid(), $2, 'USER', $1, id FROM roles WHERE tenant_id = $2 AND name = 'Viewer'`, [userId, tenant]);

  await page.goto("/login");
  await signIn(page, email, password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  const navigation = page.getByRole("navigation", { name: "Main" });
  await expect(navigation.getByRole("link", { name: "IAM" })).toHaveCount(0);
  await expect(navigation.getByRole("link", { name: "Audit logs" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  for (const path of ["users", "invitations", "groups", "roles", "namespaces"]) {
    const response = await page.goto(`/${tenant}/admin/iam/${path}`);
    expect(response?.status(), path).toBe(403);
  }
  expect((await page.goto(`/${tenant}/admin/audit-logs`))?.status()).toBe(403);
  expect((await page.goto(`/${tenant}/admin/iam`))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("an admin unlocks an account locked by failed sign-ins, renames it and signs it out everywhere", async ({ page, browser, tenant }) => {
  test.slow(); // two browsers
  const email = `locked-${stamp}@e2e.test`;
  const password = "locked-user-password-1";
  const userId = await createUser(email, password, { tenant });
  // The row ten failed sign-ins leave (lib/security/rate-limits.ts; e2e/rate-limits.spec.ts makes one the long way).
  await sql(`INSERT INTO rate_limits (key, points, expire) VALUES ($1, 11, $2)`, [`sign-in-account:${email}`, Date.now() + 30 * 60_000]);
  const user = await (await browser.newContext()).newPage();
  await user.goto("/login");
  await signIn(user, email, password);
  await expect(user.getByText("This account is temporarily locked")).toBeVisible();

  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam/users/${userId}`);
  await expect(page.getByText("Locked", { exact: true })).toBeVisible();
  await expect(page.getByText(/Locked after too many failed sign-ins, until/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(toasts(page).getByText(`${email} was unlocked.`)).toBeVisible();
  await expect(page.getByText(/Locked after too many failed sign-ins/)).toHaveCount(0);

  await signIn(user, email, password);
  await expect(user).toHaveURL(new RegExp(`/${tenant}$`));

  await page.getByRole("button", { name: "Edit name" }).click();
  const rename = page.getByRole("dialog", { name: "Edit name" });
  await rename.getByRole("textbox", { name: "First name" }).fill("");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename.getByText("Enter a first name")).toBeVisible();
  await expectNoAxeViolations(page);
  await rename.getByRole("textbox", { name: "First name" }).fill("Katherine");
  await rename.getByRole("textbox", { name: "Last name" }).fill("Johnson");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Katherine Johnson", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(toasts(page).getByText(`${email} was signed out everywhere.`)).toBeVisible();
  await user.goto(`/${tenant}`);
  await expect(user).toHaveURL(/\/login/);
  const audits = await sql<{ details: string }>(`SELECT details FROM audit_logs WHERE tenant_id = $1 AND resource_id = $2 ORDER BY id`, [tenant, userId]);
  expect(audits.map((entry) => entry.details)).toEqual([`Unlocked ${email} after 10 failed sign-ins`, `Renamed ${email}`, `Signed ${email} out everywhere (1 sessions)`]);
  await user.context().close();
});

test("a user's roles via a group on the Users tab and their page, the effective permissions, and the Invite dialog's preview", async ({ page, tenant }) => {
  test.slow(); // two pages, a dialog and three axe scans
  const email = `effective-${stamp}@e2e.test`;
  const groupName = `Data team ${stamp}`;
  const userId = await createUser(email, "effective-password-123", { tenant });
  const [group] = await sql<{ id: string }>(`INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), $2, $1) RETURNING id`, [groupName, tenant]);
  await sql(`INSERT INTO group_memberships (group_id, user_id) VALUES ($1, $2)`, [group.id, userId]);
  const bindRole = (subject: "USER" | "GROUP", id: string, role: string, namespace: string) =>
    sql(
      `INSERT INTO bindings (id, tenant_id, type, user_id, group_id, role_id, namespace)
       SELECT gen_random_uuid(), $1, $2::"BindingType", $3, $4, id, $6 FROM roles WHERE tenant_id = $1 AND name = $5`,
      [tenant, subject, subject === "USER" ? id : null, subject === "GROUP" ? id : null, role, namespace],
    );
  await bindRole("GROUP", group.id, "Viewer", "company");
  await bindRole("USER", userId, "Developer", "company.team");

  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam/users?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("table", { name: "Users of this tenant" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Developer on company.team");
  await expect(row).toContainText(`Viewer on company · via ${groupName}`);
  await expect(row).not.toContainText("—");

  await row.getByRole("link", { name: "Test User" }).click();
  await expect(page.getByRole("heading", { name: "Test User", level: 1 })).toBeVisible();
  const held = page.getByRole("table", { name: `Roles held by ${email}` });
  await expect(held.getByRole("row").filter({ hasText: "Developer" })).toContainText("company.team");
  await expect(held.getByRole("row").filter({ hasText: "Developer" })).toContainText("Direct");
  await expect(held.getByRole("link", { name: groupName })).toHaveAttribute("href", `/${tenant}/admin/iam/groups/${group.id}`);

  // company: what the group's Viewer allows; company.team: that too (a parent covers its children) plus Developer.
  const cell = (namespace: string, permission: string, action: number) =>
    page
      .getByRole("table", { name: `Effective permissions of ${email}: on ${namespace}` })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: permission, exact: true }) })
      .getByRole("cell")
      .nth(action);
  const [CREATE, READ] = [0, 1];
  await expect(cell("company", "FLOW", READ)).toHaveAttribute("title", `Granted by Viewer on company · via ${groupName}`);
  await expect(cell("company", "FLOW", READ)).toHaveText(`✓Granted by Viewer on company · via ${groupName}`);
  await expect(cell("company", "FLOW", CREATE)).toHaveText("–Not granted");
  await expect(cell("company.team", "FLOW", READ)).toHaveAttribute("title", `Granted by Developer on company.team · direct; Viewer on company · via ${groupName}`);
  await expect(cell("company.team", "SECRET", CREATE)).toHaveAttribute("title", "Granted by Developer on company.team · direct");
  await expect(page.getByRole("table", { name: `Effective permissions of ${email}: tenant-wide` })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A phone: the matrices scroll in their own frames, the page never sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `the user page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The Invite dialog says what the chosen group, then a role on a namespace, would allow.
  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await expect(dialog.getByText("Choose a group or a role to see what they will be able to do.")).toBeVisible();
  await dialog.getByRole("group", { name: "Groups" }).getByRole("checkbox", { name: groupName, exact: true }).check();
  const preview = dialog.getByRole("list", { name: "Will be able to" });
  const viewerReads = "read FLOW, EXECUTION, TEMPLATE, NAMESPACE, KVSTORE, DASHBOARD, BLUEPRINT, APP, APPEXECUTION, TEST";
  await expect(preview.getByRole("listitem")).toHaveText([`In company: ${viewerReads}`]);
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Launcher");
  await expect(preview.getByRole("listitem")).toHaveText(["Tenant-wide: read FLOW, NAMESPACE, APP; create and read EXECUTION, APPEXECUTION"]);
  await dialog.getByRole("group", { name: "Namespaces" }).getByRole("checkbox", { name: "company.team", exact: true }).check();
  await expect(preview.getByRole("listitem")).toHaveText(["In company.team: read FLOW, NAMESPACE, APP; create and read EXECUTION, APPEXECUTION"]);
  await expectNoAxeViolations(page);
});
