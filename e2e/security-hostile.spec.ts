import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, signIn, sql } from "./helpers";

// Hostile input end to end (issue "Hardening", item 5): markup stored in the database renders as text, and a
// server action request captured from an admin's browser, replayed by a Viewer, changes nothing.
const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = `<script>window.__xss=1</script>`;
const SVG = `<svg onload="window.__xss=1">`;

/** Opens a page through the sign-in form, which brings the user back to it. */
async function signInAt(page: Page, path: string, email: string, password: string) {
  await page.goto(path);
  await signIn(page, email, password);
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}

/** Nothing ran: no flag set by a payload, and no element was made from the markup. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], img[onerror]')).toHaveCount(0);
}

test("markup stored in names, descriptions and audit entries renders as inert text", async ({ page, tenant }) => {
  test.slow(); // four pages
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  // Arranged with SQL, as legacy data or another client could store it: the forms refuse < > in names.
  const email = `xss-${unique}@e2e.test`;
  const userId = await createUser(email, "xss-user-password-1", { tenant });
  const firstName = `${IMG} ${SCRIPT}`;
  await sql(`UPDATE users SET first_name = $2, last_name = 'Payload' WHERE id = $1`, [userId, firstName]);
  const groupName = `XSS ${unique} ${SVG}`;
  const description = `Described by ${IMG} and ${SCRIPT}`;
  const [group] = await sql<{ id: string }>(
    `INSERT INTO groups (id, tenant_id, name, description) VALUES (gen_random_uuid(), $3, $1, $2) RETURNING id`,
    [groupName, description, tenant],
  );
  await sql(`INSERT INTO group_memberships (group_id, user_id) VALUES ($1, $2)`, [group.id, userId]);
  const details = `Renamed ${SCRIPT} to ${IMG} (${unique})`;
  await sql(
    `INSERT INTO audit_logs (tenant_id, actor_email, resource_type, resource_id, action, details, before, after)
     VALUES ($6, $1, 'GROUP', $2, 'UPDATE', $3, $4, $5)`,
    [E2E_ADMIN.email, group.id, details, JSON.stringify({ description: SCRIPT }), JSON.stringify({ description: IMG }), tenant],
  );

  await signInAt(page, `/${tenant}/admin/iam/users?q=${encodeURIComponent(email)}`, E2E_ADMIN.email, E2E_ADMIN.password);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("link", { name: `${firstName} Payload` })).toBeVisible();
  await expect(row).toContainText(groupName);
  await expectInert(page);

  await page.goto(`/${tenant}/admin/iam/users/${userId}`);
  await expect(page.getByRole("heading", { name: `${firstName} Payload` })).toBeVisible();
  await expect(page.getByRole("link", { name: groupName })).toBeVisible();
  await expectInert(page);

  await page.goto(`/${tenant}/admin/iam/groups/${group.id}`);
  await expect(page.getByRole("heading", { name: groupName, level: 2 })).toBeVisible();
  await expect(page.getByText(description)).toBeVisible();
  await expect(page.getByRole("table", { name: `Members of ${groupName}` })).toContainText(`${firstName} Payload`);
  await expectInert(page);

  // Searched: the Groups tab shows 50 groups a page, and other specs leave many in the worker's tenant.
  await page.goto(`/${tenant}/admin/iam/groups?q=${encodeURIComponent(`xss ${unique}`)}`);
  await expect(page.getByRole("row").filter({ hasText: groupName })).toContainText(description);
  await expectInert(page);

  await page.goto(`/${tenant}/admin/audit-logs`);
  const entry = page.getByRole("row").filter({ hasText: details });
  await expect(entry.getByRole("cell", { name: details })).toBeVisible();
  await entry.getByText(/1 field: description/).click();
  await expect(entry.getByText(SCRIPT, { exact: true })).toBeVisible();
  await expect(entry.getByText(IMG, { exact: true })).toBeVisible();
  await expectInert(page);
});

test("a server action request replayed by a Viewer, or without a session, creates nothing", async ({ page, browser, playwright, tenant }) => {
  test.slow(); // two sign-ins
  // An admin's real "Create group" request, captured from the browser.
  await signInAt(page, `/${tenant}/admin/iam/groups`, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create group" }).click();
  const dialog = page.getByRole("dialog", { name: "Create group" });
  const adminGroup = `Replay source ${unique}`;
  await dialog.getByRole("textbox", { name: "Name" }).fill(adminGroup);
  await dialog.getByRole("textbox", { name: "Description" }).fill("Created by the admin");
  const captured = page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
  await dialog.getByRole("button", { name: "Create" }).click();
  const request = await captured;
  await expect(page.getByRole("heading", { name: adminGroup, level: 2 })).toBeVisible();
  const headers = request.headers();
  const body = request.postData() ?? "";
  expect(body).toContain(adminGroup);

  // The same request, naming a group that does not exist yet, from a Viewer's session.
  const replayed = `Replayed by viewer ${unique}`;
  const viewerEmail = `replay-viewer-${unique}@e2e.test`;
  const viewerPassword = "replay-viewer-password-1";
  const viewerId = await createUser(viewerEmail, viewerPassword, { tenant });
  await sql(
    `INSERT INTO bindings (id, tenant_id, type, user_id, role_id) SELECT gen_random_uuid(), $2, 'USER', $1, id FROM roles WHERE tenant_id = $2 AND name = 'Viewer'`,
    [viewerId, tenant],
  );
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signInAt(viewer, `/${tenant}`, viewerEmail, viewerPassword);
  const replay = (api: { post: typeof context.request.post }, name: string, options: { maxRedirects?: number } = {}) =>
    api.post(request.url(), {
      ...options,
      headers: {
        "next-action": headers["next-action"],
        "content-type": headers["content-type"],
        accept: headers["accept"] ?? "text/x-component",
        ...(headers["next-router-state-tree"] ? { "next-router-state-tree": headers["next-router-state-tree"] } : {}),
        ...(headers["origin"] ? { origin: headers["origin"] } : {}),
      },
      data: body.replaceAll(adminGroup, name),
    });
  const asViewer = await replay(context.request, replayed);
  expect(asViewer.status()).toBe(200);
  expect(await asViewer.text()).toContain("You need the GROUP:CREATE permission to do this.");
  expect(await sql(`SELECT id FROM groups WHERE tenant_id = $2 AND name = $1`, [replayed, tenant])).toEqual([]);
  await context.close();

  // And with no session cookie at all: sent to the sign-in page before the action runs.
  const anonymous = await playwright.request.newContext();
  const signedOut = `Replayed signed out ${unique}`;
  const asNobody = await replay(anonymous, signedOut, { maxRedirects: 0 });
  expect(asNobody.status()).toBe(307);
  expect(new URL(asNobody.headers()["location"], request.url()).pathname).toBe("/login");
  expect(await sql(`SELECT id FROM groups WHERE tenant_id = $2 AND name = $1`, [signedOut, tenant])).toEqual([]);
  await anonymous.dispose();
});
