import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql } from "./helpers";

const unique = Date.now().toString(36);

async function signInAsAdmin(page: Page) {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
}

test("a custom role is built through the matrix and listed as Custom; its name can't be taken twice", async ({ page, tenant }) => {
  const name = `Auditor ${unique}`;
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/roles`);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Create role" }).click();
  const dialog = page.getByRole("dialog", { name: "Create role" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("textbox", { name: "Description" }).fill("Reads the audit log and the users");
  await dialog.getByRole("checkbox", { name: "AUDITLOG READ" }).check();
  // Keyboard: Space ticks the focused box.
  await dialog.getByRole("checkbox", { name: "USER READ" }).focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("checkbox", { name: "USER READ" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "USER all" })).not.toBeChecked();
  await expect(dialog.getByRole("columnheader", { name: "DELETE" })).toBeVisible();
  await expect(dialog.getByRole("rowheader", { name: "GROUP_MEMBERSHIP" })).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "created" })).toHaveText(`Role ${name} created.`);

  const row = page.getByRole("table", { name: "Roles of this tenant" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("cell")).toHaveText([name, "Reads the audit log and the users", "Custom", "0"]);
  const [stored] = await sql<{ permissions: unknown }>(`SELECT permissions FROM roles WHERE tenant_id = $2 AND name = $1`, [name, tenant]);
  expect(stored.permissions).toEqual({ AUDITLOG: ["READ"], USER: ["READ"] });

  await page.getByRole("button", { name: "Create role" }).click();
  await dialog.getByRole("textbox", { name: "Name" }).fill(name.toLowerCase());
  await dialog.getByRole("checkbox", { name: "FLOW READ" }).check();
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText(`A role named "${name}" already exists. Choose another name.`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("a bound custom role is edited, refused deletion with the list of where it is used, and deleted once unbound", async ({ page, tenant }) => {
  const name = `Auditor bound ${unique}`;
  const [role] = await sql<{ id: string }>(
    `INSERT INTO roles (id, tenant_id, name, permissions) VALUES (gen_random_uuid(), $2, $1, '{"AUDITLOG": ["READ"], "USER": ["READ"]}') RETURNING id`,
    [name, tenant],
  );
  const boundEmail = `bound-${unique}@e2e.test`;
  const userId = await createUser(boundEmail, "bound-user-password-1", { tenant });
  await sql(`INSERT INTO bindings (id, tenant_id, type, user_id, role_id) VALUES (gen_random_uuid(), $3, 'USER', $1, $2)`, [userId, role.id, tenant]);

  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/roles`);
  const roles = page.getByRole("table", { name: "Roles of this tenant" });
  const row = roles.getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("cell").last()).toHaveText("1");
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/roles/${role.id}$`));
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Where this role is used" })).toContainText(`User ${boundEmail} tenant-wide`);
  await expectNoAxeViolations(page);

  // Edit: the per-row "all" toggle ticks a whole row.
  await page.getByRole("checkbox", { name: "FLOW all" }).check();
  for (const action of ["CREATE", "READ", "UPDATE", "DELETE"]) {
    await expect(page.getByRole("checkbox", { name: `FLOW ${action}` })).toBeChecked();
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  const [edited] = await sql<{ permissions: unknown }>(`SELECT permissions FROM roles WHERE id = $1`, [role.id]);
  expect(edited.permissions).toEqual({ FLOW: ["CREATE", "READ", "UPDATE", "DELETE"], AUDITLOG: ["READ"], USER: ["READ"] });

  // Deleting is refused with the list of where it is used.
  await page.getByRole("button", { name: "Delete role" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete role ${name}?` });
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  const refusal = confirm.getByRole("alert");
  await expect(refusal).toContainText(`${name} is still in use, so it can't be deleted.`);
  await expect(refusal.getByRole("listitem")).toHaveText([`User ${boundEmail} tenant-wide`]);
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Cancel" }).click();

  // Unbound, it goes, and the audit log says so.
  await sql(`DELETE FROM bindings WHERE role_id = $1`, [role.id]);
  await page.getByRole("button", { name: "Delete role" }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/roles$`));
  await expect(roles.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  const audit = await sql<{ action: string }>(`SELECT action FROM audit_logs WHERE resource_type = 'ROLE' AND resource_id = $1 ORDER BY id`, [role.id]);
  expect(audit.map((entry) => entry.action)).toEqual(["UPDATE", "DELETE"]);
});

test("a managed role is read-only", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/main/admin/iam/roles");
  const row = page.getByRole("table", { name: "Roles of this tenant" }).getByRole("row").filter({ hasText: "Viewer" });
  await expect(row).toContainText("Managed");
  await row.getByRole("link", { name: "Viewer" }).click();
  await expect(page.getByRole("heading", { name: "Viewer", level: 2 })).toBeVisible();
  const matrix = page.getByRole("table", { name: "Permissions of Viewer" });
  await expect(matrix.getByRole("checkbox", { name: "FLOW READ" })).toBeChecked();
  await expect(matrix.getByRole("checkbox", { name: "FLOW READ" })).toBeDisabled();
  await expect(matrix.getByRole("checkbox", { name: "USER DELETE" })).not.toBeChecked();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete role" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("namespaces are added by keyboard, with their parents, and duplicates or bad names are refused", async ({ page, tenant }) => {
  const name = `acme.${unique}`;
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("link", { name: "Namespaces", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/namespaces$`));
  const table = page.getByRole("table", { name: "Namespaces of this tenant" });
  await expect(table.getByRole("row").filter({ hasText: "company.team.data" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Keyboard only: from the tabs (Security is the last), Tab reaches the Name field, Enter submits the form.
  const form = page.getByRole("form", { name: "Add namespace" });
  await expect(form.getByText("Lower-case letters, digits, '-' or '_', in segments separated by dots")).toBeVisible();
  await page.getByRole("navigation", { name: "IAM sections" }).getByRole("link", { name: "Security", exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.keyboard.type("Acme..Bad");
  await page.keyboard.press("Enter");
  await expect(form.getByText("Use lower-case letters, digits, '-' or '_', in segments separated by dots (e.g. company.team)")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");

  await form.getByRole("textbox", { name: "Name" }).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(form.getByRole("checkbox", { name: /Also add missing parent namespaces/ })).toBeFocused();
  await expect(form.getByRole("checkbox", { name: /Also add missing parent namespaces/ })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Add" })).toBeFocused();
  await page.keyboard.press("Enter");
  // acme itself is added too unless another spec already did.
  await expect(form.getByRole("status")).toHaveText(new RegExp(`^Added ${name.replace(".", "\\.")}( and its parent acme)?\\.$`));
  await expect(table.getByRole("row").filter({ hasText: name }).getByRole("cell")).toHaveText([name, "0", "Delete"]);
  await expect(table.getByRole("cell", { name: "acme", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("alert")).toHaveText(`The namespace ${name} already exists.`);
  const audit = await sql<{ action: string }>(`SELECT action FROM audit_logs WHERE resource_type = 'NAMESPACE' AND resource_id = $1`, [name]);
  expect(audit.map((entry) => entry.action)).toEqual(["CREATE"]);
});

test("a role bound many times lists the first fifty places and counts the rest", async ({ page, tenant }) => {
  const name = `Widely used ${unique}`;
  const [role] = await sql<{ id: string }>(
    `INSERT INTO roles (id, tenant_id, name, permissions) VALUES (gen_random_uuid(), $2, $1, '{"FLOW": ["READ"]}') RETURNING id`,
    [name, tenant],
  );
  await sql(
    `WITH created AS (
       INSERT INTO users (id, email, updated_at)
       SELECT gen_random_uuid(), 'widely-' || lpad(n::text, 2, '0') || '-' || $1 || '@e2e.test', now() FROM generate_series(1, 53) AS n RETURNING id)
     INSERT INTO bindings (id, tenant_id, type, user_id, role_id) SELECT gen_random_uuid(), $3, 'USER', id, $2::uuid FROM created`,
    [unique, role.id, tenant],
  );
  await signInAsAdmin(page);
  await page.goto(`/${tenant}/admin/iam/roles/${role.id}`);
  await expect(page.getByText("Bound 53 times; offered by 0 open invitations.")).toBeVisible();
  const places = page.getByRole("list", { name: "Where this role is used" }).getByRole("listitem");
  await expect(places).toHaveCount(51);
  await expect(places.last()).toHaveText("…and 3 more bindings");
  await expectNoAxeViolations(page);
});
