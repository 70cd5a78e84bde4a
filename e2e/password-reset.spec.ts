import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, emailsTo, expectNoAxeViolations, signIn, sql } from "./helpers";
import { appOrigin, E2E_PORTS } from "../playwright.config";

// Recovery: "Forgot password?" → the email the Resend stand-in captured → a new password, which signs out the old
// session in another browser; dead links; and the reset link an admin hands over when the console sends no email.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = "forgotten-password-1";
const NEW_PASSWORD = "a remembered passphrase 31";

async function resetLinkFromEmail(address: string): Promise<string> {
  await expect.poll(async () => (await emailsTo(address)).filter((email) => email.subject === "Reset your IAM Console password").length).toBeGreaterThan(0);
  const [latest] = (await emailsTo(address)).filter((email) => email.subject === "Reset your IAM Console password").slice(-1);
  return /https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(latest.text)![0];
}

test("forgot password: the same answer for unknown addresses, an emailed link, a new password that signs out the other browser", async ({ page, browser, tenant }) => {
  test.slow(); // two browsers, three password hashes
  const email = `forgetful-${unique()}@e2e.test`;
  await createUser(email, PASSWORD, { tenant });
  const old = await (await browser.newContext()).newPage();
  await old.goto("/login");
  await signIn(old, email, PASSWORD);
  await expect(old).toHaveURL(new RegExp(`/${tenant}$`));

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  const unknown = `nobody-${unique()}@e2e.test`;
  await page.getByRole("textbox", { name: "Email" }).fill(unknown);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText(`If an account exists for ${unknown}, we have sent it a link`);
  const unknownAnswer = (await answer.textContent())!.replace(unknown, "ADDRESS");

  await page.goto("/login/forgot");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(answer).toContainText(`If an account exists for ${email}`);
  expect((await answer.textContent())!.replace(email, "ADDRESS")).toBe(unknownAnswer);
  const link = await resetLinkFromEmail(email);
  expect(await emailsTo(unknown)).toHaveLength(0);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(email);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await expect(page.getByRole("listitem").filter({ hasText: "At least 12 characters — not met" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  // The other browser's session ended; the old password no longer works, the new one does; the link is used up.
  await old.goto(`/${tenant}`);
  await expect(old).toHaveURL(/\/login/);
  await signIn(old, email, PASSWORD);
  await expect(old.getByText("Incorrect email or password.")).toBeVisible();
  await expect.poll(async () => (await emailsTo(email)).map((sent) => sent.subject)).toContain("Your IAM Console password was changed");
  await old.goto(link);
  await expect(old.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await expectNoAxeViolations(old);
  await old.goto(`${link.slice(0, -4)}AAAA`);
  await expect(old.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await old.context().close();
});

test("without email, an admin creates a reset link, shown once, which the person uses", async ({ browser, tenant }) => {
  const origin = appOrigin(E2E_PORTS.appWithoutEmail);
  const email = `handed-${unique()}@e2e.test`;
  const userId = await createUser(email, PASSWORD, { tenant });
  const admin = await (await browser.newContext({ baseURL: origin })).newPage();
  await admin.goto("/login/forgot");
  await expect(admin.getByText("Ask an administrator to create a password reset link")).toBeVisible();
  await admin.goto("/login");
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(admin).toHaveURL(/\/main$/);
  await admin.goto(`/${tenant}/admin/iam/users/${userId}`);
  await admin.getByRole("button", { name: "Create reset link" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "it is shown once and works once" })).toBeVisible();
  const link = await admin.getByRole("textbox", { name: "Password reset link" }).inputValue();
  expect(link).toMatch(new RegExp(`^${origin}/reset-password/[A-Za-z0-9_-]{43}$`));
  await expectNoAxeViolations(admin);

  const person = await (await browser.newContext({ baseURL: origin })).newPage();
  await person.goto(link);
  await person.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await person.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await person.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(person).toHaveURL(new RegExp(`/${tenant}$`));
  const audits = await sql<{ details: string }>(`SELECT details FROM audit_logs WHERE resource_id = $1 ORDER BY id`, [userId]);
  expect(audits.map((entry) => entry.details)).toEqual([`Created a password reset link for ${email}`, `${email} reset their password with a reset link (0 sessions signed out)`]);
  await admin.context().close();
  await person.context().close();
});
