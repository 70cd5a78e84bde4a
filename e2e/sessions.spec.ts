import type { APIRequestContext, Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, signIn, sql } from "./helpers";

// Sessions end on the server: a cookie copied before sign-out (or before its user was disabled) opens nothing
// afterwards and runs no server action, even though the cookie itself is still a valid, unexpired JWT.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function adminUser(tenant: string): Promise<{ id: string; email: string; password: string }> {
  const email = `session-admin-${unique()}@e2e.test`;
  const password = "session-admin-password-1";
  const id = await createUser(email, password, { tenant });
  await sql(
    `INSERT INTO bindings (id, tenant_id, type, user_id, role_id) SELECT gen_random_uuid(), $2, 'USER', $1, id FROM roles WHERE tenant_id = $2 AND name = 'Admin'`,
    [id, tenant],
  );
  return { id, email, password };
}

/** Creates a group through the UI and answers the server action request the browser sent for it. */
async function captureCreateGroup(page: Page, tenant: string): Promise<Request> {
  await page.goto(`/${tenant}/admin/iam/groups`);
  await page.getByRole("button", { name: "Create group" }).click();
  const dialog = page.getByRole("dialog", { name: "Create group" });
  const name = `Session source ${unique()}`;
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  const captured = page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
  await dialog.getByRole("button", { name: "Create" }).click();
  const request = await captured;
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  return request;
}

/** The captured request again, creating another group, from whichever cookies `api` holds. */
async function replayCreateGroup(api: APIRequestContext, request: Request): Promise<{ text: string; name: string }> {
  const headers = request.headers();
  const original = /Session source [a-z0-9]+/.exec(request.postData() ?? "")![0];
  const name = `Session replay ${unique()}`;
  const response = await api.post(request.url(), {
    headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component", origin: headers["origin"] },
    data: (request.postData() ?? "").replaceAll(original, name),
  });
  expect(response.status()).toBe(200);
  return { text: await response.text(), name };
}

const groupsNamed = (tenant: string, name: string) => sql(`SELECT id FROM groups WHERE tenant_id = $2 AND name = $1`, [name, tenant]);
const sessionsOf = async (userId: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [userId]))[0].n;

test("after sign-out, a copy of the old cookie gets the sign-in page and its actions say the session has ended", async ({ page, browser, tenant }) => {
  const admin = await adminUser(tenant);
  await page.goto("/login");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  expect(await sessionsOf(admin.id)).toBe(1);
  const request = await captureCreateGroup(page, tenant);
  const copied = await page.context().storageState();

  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionsOf(admin.id)).toBe(0);

  const stale = await browser.newContext({ storageState: copied });
  const stalePage = await stale.newPage();
  await stalePage.goto(`/${tenant}/admin/iam/groups`);
  await expect(stalePage).toHaveURL(new RegExp(`/login\\?callbackUrl=%2F${tenant}%2Fadmin%2Fiam%2Fgroups$`));
  await expect(stalePage.getByRole("heading", { name: "Sign in to IAM Console" })).toBeVisible();
  const replayed = await replayCreateGroup(stale.request, request);
  expect(replayed.text).toContain("Your session has ended. Sign in again to continue.");
  expect(await groupsNamed(tenant, replayed.name)).toEqual([]);
  await stale.close();
});

test("disabling a user ends every session of theirs; enabling them again revives none", async ({ page, browser, tenant }) => {
  const user = await adminUser(tenant);
  // Two sign-ins of the same user, as on a laptop and a phone.
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  for (const context of [laptop, phone]) {
    const tab = await context.newPage();
    await tab.goto("/login");
    await signIn(tab, user.email, user.password);
    await expect(tab).toHaveURL(new RegExp(`/${tenant}$`));
  }
  const request = await captureCreateGroup(await laptop.newPage(), tenant);
  expect(await sessionsOf(user.id)).toBe(2);

  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam/users/${user.id}`);
  await page.getByRole("button", { name: "Disable user" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: "Enable user" })).toBeVisible();
  await page.getByRole("button", { name: "Enable user" }).click();
  await expect(page.getByRole("button", { name: "Disable user" })).toBeVisible();
  expect(await sessionsOf(user.id)).toBe(0);

  for (const context of [laptop, phone]) {
    const tab = await context.newPage();
    await tab.goto(`/${tenant}/admin/iam/users`);
    await expect(tab).toHaveURL(/\/login\?callbackUrl=/);
  }
  const replayed = await replayCreateGroup(phone.request, request);
  expect(replayed.text).toContain("Your session has ended. Sign in again to continue.");
  expect(await groupsNamed(tenant, replayed.name)).toEqual([]);
  await laptop.close();
  await phone.close();
});

test("a session idle past its timeout, or past its maximum age, has ended on the server", async ({ page, tenant }) => {
  const user = await adminUser(tenant);
  await page.goto("/login");
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  // The clock cannot be moved inside the server, so the session record is aged instead (SESSION_IDLE_TIMEOUT is 7 days).
  await sql(`UPDATE sessions SET last_seen_at = now() - interval '8 days' WHERE user_id = $1`, [user.id]);
  await page.goto(`/${tenant}/admin/iam/users`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(await sessionsOf(user.id)).toBe(0);

  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/users$`));
  await sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
  await page.goto(`/${tenant}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=%2F${tenant}$`));
});
