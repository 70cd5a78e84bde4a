import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, insertInvitation, signIn, sql, type InvitationRowOptions } from "./helpers";

const unique = Date.now().toString(36);
const GOOD_PASSWORD = "Quiet meadow 42 lanterns";
const invitationIds: string[] = [];

// Specs share one database, and a worker's tests its tenant: this spec's invitations go away afterwards, so other
// specs see their own.
test.afterAll(async () => {
  await sql(`DELETE FROM invitations WHERE id = ANY($1::uuid[])`, [invitationIds]);
});

async function invite(tenant: string, email: string, options: InvitationRowOptions = {}): Promise<string> {
  const { token, id } = await insertInvitation(tenant, email, options);
  invitationIds.push(id);
  return token;
}

const requirement = (page: Page, label: string) => page.getByRole("listitem").filter({ hasText: label });
const passwordField = (page: Page) => page.getByLabel("Password", { exact: true });

test("the accept page shows the invitation and checks the password policy as the invitee types", async ({ page, tenant, tenantName }) => {
  const email = `ada-${unique}@e2e.test`;
  const token = await invite(tenant, email);

  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("heading", { name: "Accept invitation", level: 1 })).toBeVisible();
  await expect(page.getByText(`Super Admin invited you to join ${tenantName}.`)).toBeVisible();
  await expect(page.getByText("Role Viewer tenant-wide")).toBeVisible();
  // Relative ("in 7 days"), with the exact moment in the visitor's locale and zone on hover.
  const expires = page.locator("time");
  await expect(expires).toHaveText(/^in \d+ days$/);
  await expect(expires).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expect(expires).toHaveAttribute("title", /\d{4}/);
  const emailField = page.getByRole("textbox", { name: "Email" });
  await expect(emailField).toHaveValue(email);
  await expect(emailField).toHaveAttribute("readonly", "");
  // The token is a credential: not in the title, and never sent on as a referrer.
  await expect(page).toHaveTitle("Accept invitation · IAM Console");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  expect(await page.title()).not.toContain(token);
  await expectNoAxeViolations(page);

  await page.getByRole("textbox", { name: "First name" }).fill("Ada");
  await page.getByRole("textbox", { name: "Last name" }).fill("Lovelace");

  // The checklist follows the typing: too short, contains the email, common.
  await passwordField(page).fill("short");
  await expect(requirement(page, "At least 12 characters")).toContainText("not met");
  await passwordField(page).fill(`my ${email.split("@")[0]} secret`);
  await expect(requirement(page, "At least 12 characters")).toContainText("— met");
  await expect(requirement(page, "Does not contain your email")).toContainText("not met");
  await passwordField(page).fill("password1234");
  await expect(requirement(page, "Does not contain your email")).toContainText("— met");
  await expect(requirement(page, "Not a commonly used password")).toContainText("not met");
  await expectNoAxeViolations(page);

  // The server enforces the policy too, and keeps what was typed.
  await page.getByLabel("Confirm password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common")).toBeVisible();
  await expect(passwordField(page)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "First name" })).toHaveValue("Ada");
  await expect(page.getByRole("textbox", { name: "Last name" })).toHaveValue("Lovelace");

  await passwordField(page).fill(GOOD_PASSWORD);
  for (const label of ["At least 12 characters", "Does not contain your email", "Not a commonly used password"]) {
    await expect(requirement(page, label)).toContainText("— met");
  }
  await page.getByLabel("Confirm password").fill("something else entirely");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The passwords don't match")).toBeVisible();

  // Used by someone else between opening the page and submitting: the page says so instead of failing.
  await sql(`UPDATE invitations SET accepted_at = now() WHERE token_hash = $1`, [createHash("sha256").update(token).digest("hex")]);
  await page.getByLabel("Confirm password").fill(GOOD_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
});

test("an invitee creates an account from the link, lands signed in as a Viewer, and the link is then used up", async ({ page, tenant }) => {
  const token = await invite(tenant, `grace-${unique}@e2e.test`);
  await page.goto(`/invitations/${token}`);
  await page.getByRole("textbox", { name: "First name" }).fill("Grace");
  await page.getByRole("textbox", { name: "Last name" }).fill("Lovelace");
  await passwordField(page).fill(GOOD_PASSWORD);
  await page.getByLabel("Confirm password").fill(GOOD_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  await expect(page.getByRole("button", { name: /User menu/ })).toContainText("Grace Lovelace");

  // A Viewer holds no IAM rights.
  const iam = await page.goto(`/${tenant}/admin/iam/users`);
  expect(iam?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("heading", { name: /already been used/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("expired, revoked, tampered, malformed and refused links each say so", async ({ page, tenant }) => {
  const expired = await invite(tenant, `expired-${unique}@e2e.test`, { expiresAt: new Date(Date.now() - 60_000) });
  await page.goto(`/invitations/${expired}`);
  await expect(page.getByRole("heading", { name: /expired/ })).toBeVisible();
  await expect(page.getByText(/resend/)).toBeVisible();
  await expectNoAxeViolations(page);

  const revoked = await invite(tenant, `revoked-${unique}@e2e.test`, { revokedAt: new Date() });
  await page.goto(`/invitations/${revoked}`);
  await expect(page.getByRole("heading", { name: /revoked/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const valid = await invite(tenant, `tampered-${unique}@e2e.test`);
  const tampered = valid.slice(0, 10) + (valid[10] === "a" ? "b" : "a") + valid.slice(11);
  for (const path of [`/invitations/${tampered}`, "/invitations/not-a-real-token", `/invitations/${"x".repeat(3000)}`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: /invalid/ })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  await expect(page.locator("body")).not.toContainText(/error|stack|prisma/i);

  // The inviter lost the right to grant Viewer after inviting: the link says so at once, and nothing is created.
  const refusedEmail = `refused-${unique}@e2e.test`;
  const formerAdminId = await createUser(`former-admin-${unique}@e2e.test`, "former-admin-password-1", { tenant });
  const refused = await invite(tenant, refusedEmail, { invitedById: formerAdminId });
  await page.goto(`/invitations/${refused}`);
  await expect(page.getByRole("heading", { name: "This invitation can no longer be accepted" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await expect(page.getByText("no longer has the right to grant this access")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await sql(`SELECT 1 FROM users WHERE email = $1`, [refusedEmail])).toHaveLength(0);
});

test("someone with an account signs in to accept, after signing out of the wrong account", async ({ page, tenant }) => {
  const email = `existing-${unique}@e2e.test`;
  const password = "existing-user-password-1";
  await createUser(email, password);
  const token = await invite(tenant, email, { role: "Developer", namespaces: ["company.team"] });

  // Signed in as someone else: the page says who the invitation is for and offers to sign out.
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/invitations/${token}`);
  await expect(page.getByText(`This invitation is for ${email}, but you're signed in as ${E2E_ADMIN.email}.`)).toBeVisible();
  await expect(page.getByText("Role Developer on company.team")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finvitations%2F/);

  // Signed out: no account form, a way to sign in that comes back here.
  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("textbox", { name: "First name" })).toHaveCount(0);
  await expect(page.getByText(`${email} already has an account.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Sign in to accept" }).click();
  await signIn(page, email, password);
  await expect(page).toHaveURL(new RegExp(`/invitations/${token}$`));
  await expect(page.getByRole("heading", { name: "Accept invitation", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  // The invitee's first screen: the tenant, and the access the invitation gave (see insertInvitation's default).
  await expect(page.getByRole("heading", { name: /^Welcome to .+, Test User$/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Your roles" }).getByRole("listitem")).toHaveText(["Developer on company.team"]);
  await expect(page.getByText(/^On company\.team:/)).toBeVisible();

  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("heading", { name: /already been used/ })).toBeVisible();
});

test("the account can be created with the keyboard alone", async ({ page, tenant }) => {
  const email = `keyboard-${unique}@e2e.test`;
  const token = await invite(tenant, email);
  await page.goto(`/invitations/${token}`);

  await expect(page.getByRole("textbox", { name: "First name" })).toBeFocused();
  await page.keyboard.type("Kay");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Last name" })).toBeFocused();
  await page.keyboard.type("Board");
  await page.keyboard.press("Tab");
  await expect(passwordField(page)).toBeFocused();
  await page.keyboard.type(GOOD_PASSWORD);
  await expect(requirement(page, "Not a commonly used password")).toContainText("— met");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Confirm password")).toBeFocused();
  await page.keyboard.type(GOOD_PASSWORD);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Create account" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  await expect(page.getByRole("button", { name: /User menu/ })).toContainText("Kay Board");
});
