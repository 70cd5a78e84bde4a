import type { Browser, Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, test } from "./fixtures";
import { createUser, expectNoAxeViolations, invitationLinkFromEmail, signIn, sql, chooseOption } from "./helpers";

// Two-factor authentication in a real browser: an authenticator app (codes computed from the secret the page shows,
// as the app would), passkeys on Chromium's virtual authenticator (CDP WebAuthn domain: a real WebAuthn ceremony
// with a software key, nothing mocked), recovery codes, step-up, the tenant policy, invitations that require a
// factor, and an admin's reset.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = "mfa-e2e-password-1";

/** The code the app would show `offsetSteps` steps from now (a later step than any used, so never a replay). */
function codeFor(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Signs in and waits until the password step is done (the next page may be the second step). */
async function signInAt(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await signIn(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** Adds an authenticator app from /account/security; answers its secret and the recovery codes shown once. */
async function addAuthenticator(page: Page, name = "Phone"): Promise<{ secret: string; codes: string[] }> {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add authenticator app" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an authenticator app" });
  await expect(dialog.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await dialog.getByLabel("Setup key").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await dialog.getByRole("textbox", { name: "Code from the app" }).fill("000000");
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("button", { name: "Turn on" }).click();
  await expect(dialog.getByText(/That code didn't match/)).toBeVisible();
  await dialog.getByRole("textbox", { name: "Code from the app" }).fill(codeFor(secret));
  await dialog.getByRole("button", { name: "Turn on" }).click();
  await expect(dialog.getByText("Two-factor authentication is on.", { exact: false })).toBeVisible();
  const codes = (await dialog.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents()).map((code) => code.trim());
  await dialog.getByRole("button", { name: /I have saved my codes|Done/ }).click();
  await expect(page.getByRole("table", { name: "Your second factors" }).getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return { secret, codes };
}

/** A software passkey authenticator for this page's browser (Chromium's WebAuthn.addVirtualAuthenticator). */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    remove: () => cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId }),
  };
}

async function makeTenantAdmin(tenant: string, userId: string) {
  await sql(
    `INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace)
     SELECT gen_random_uuid(), $1, 'USER', $2, id, NULL FROM roles WHERE tenant_id = $1 AND name = 'Admin'`,
    [tenant, userId],
  );
}

test("an authenticator app: enrol with a QR code's key, sign in with a code, then with a recovery code once", async ({ page, browser, tenant }) => {
  test.slow(); // three browsers, several password hashes
  const email = `mfa-totp-${unique()}@e2e.test`;
  await createUser(email, PASSWORD, { tenant });
  await signInAt(page, email);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Two-factor authentication" })).toContainText("Off");
  await page.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Your second factors" })).toContainText("No second factor yet");
  await expectNoAxeViolations(page);
  const { secret, codes } = await addAuthenticator(page);
  expect(codes).toHaveLength(10);
  expect(codes.every((code) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code))).toBe(true);
  await expect(page.getByText("10 unused codes of 10.")).toBeVisible();
  await expectNoAxeViolations(page);

  // A new sign-in stops at the second step: a wrong code is refused, the next step's code lets it in.
  const second = await newPage(browser);
  await signInAt(second, email);
  await expect(second).toHaveURL(/\/login\/verify/);
  await expect(second.getByRole("heading", { name: "Verify it's you" })).toBeVisible();
  await expectNoAxeViolations(second);
  // Half signed in is not signed in: the tenant sends back to the second step.
  await second.goto(`/${tenant}/admin/iam/users`);
  await expect(second).toHaveURL(/\/login\/verify\?callbackUrl=/);
  await second.getByRole("textbox", { name: "Authentication code" }).fill("123456");
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second.getByText("That code didn't work.", { exact: false })).toBeVisible();
  await second.getByRole("textbox", { name: "Authentication code" }).fill(codeFor(secret, 1));
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second).toHaveURL(new RegExp(`/${tenant}/admin/iam/users$`));
  await second.goto("/account");
  await expect(second.getByRole("table", { name: "Your active sessions" }).getByRole("row").filter({ hasText: "This session" })).toContainText(
    "Password + authenticator app",
  );

  // A recovery code, by keyboard: once, and never again.
  const third = await newPage(browser);
  await signInAt(third, email);
  await expect(third).toHaveURL(/\/login\/verify/);
  await third.getByRole("button", { name: "Use a recovery code (10 left)" }).focus();
  await third.keyboard.press("Enter");
  await third.getByRole("textbox", { name: "Recovery code" }).fill(codes[0].toLowerCase());
  await third.keyboard.press("Enter");
  await expect(third).toHaveURL(new RegExp(`/${tenant}$`));
  const fourth = await newPage(browser);
  await signInAt(fourth, email);
  await fourth.getByRole("button", { name: /Use a recovery code/ }).click();
  await fourth.getByRole("textbox", { name: "Recovery code" }).fill(codes[0]);
  await fourth.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(fourth.getByText("That recovery code didn't work. Each code works once.").first()).toBeVisible();
  await expect(fourth).toHaveURL(/\/login\/verify/);
});

test("passkeys: add two on a virtual authenticator, sign in with one, remove one", async ({ page, tenant }) => {
  const email = `mfa-passkey-${unique()}@e2e.test`;
  await createUser(email, PASSWORD, { tenant });
  const laptop = await virtualAuthenticator(page);
  await signInAt(page, email);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));

  await page.goto("/account/security");
  let spareKey: Awaited<ReturnType<typeof virtualAuthenticator>> | undefined;
  for (const name of ["Laptop", "Spare key"]) {
    // One authenticator holds one passkey of an account (a second is refused as already registered): the spare key
    // is another authenticator, the laptop's unplugged meanwhile.
    if (name === "Spare key") {
      await laptop.remove();
      spareKey = await virtualAuthenticator(page);
    }
    await page.getByRole("button", { name: "Add passkey" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a passkey" });
    if (name === "Laptop") {
      await dialog.getByRole("button", { name: "Create passkey" }).click();
      await expect(dialog.getByText("Give it a name.")).toBeVisible();
      await expectNoAxeViolations(page);
    }
    await dialog.getByRole("textbox", { name: "Name" }).fill(name);
    await dialog.getByRole("button", { name: "Create passkey" }).click();
    await expect(dialog.getByText("Two-factor authentication is on.", { exact: false })).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(name === "Laptop" ? 10 : 0);
    await dialog.getByRole("button", { name: /I have saved my codes|Done/ }).click();
    await expect(page.getByRole("table", { name: "Your second factors" }).getByRole("row", { name: new RegExp(name) })).toBeVisible();
  }
  expect(await spareKey!.credentials()).toHaveLength(1);

  // Sign out, sign in: the second step offers the passkey first.
  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/verify/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  await expect.poll(async () => (await spareKey!.credentials())[0]?.signCount).toBeGreaterThan(0);

  // The laptop is lost: its passkey is removed; the spare key stays.
  await page.goto("/account/security");
  const factors = page.getByRole("table", { name: "Your second factors" });
  await factors.getByRole("button", { name: "Remove Laptop" }).click();
  await page.getByRole("alertdialog", { name: "Remove Laptop?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Laptop was removed.")).toBeVisible();
  await expect(factors.getByRole("row")).toHaveCount(2);
  expect(await sql(`SELECT name FROM second_factors f JOIN users u ON u.id = f.user_id WHERE u.email = $1`, [email])).toEqual([{ name: "Spare key" }]);
});

test("step-up: an old session confirms it's you before removing a factor, and the removal then goes through", async ({ page, tenant }) => {
  const email = `mfa-stepup-${unique()}@e2e.test`;
  await createUser(email, PASSWORD, { tenant });
  await signInAt(page, email);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  const { secret } = await addAuthenticator(page);
  // Eleven minutes since this session last proved who it is.
  await sql(`UPDATE sessions s SET authenticated_at = now() - interval '11 minutes' FROM users u WHERE u.id = s.user_id AND u.email = $1`, [email]);

  await page.reload();
  await page.getByRole("button", { name: "Remove Phone" }).click();
  await page.getByRole("alertdialog", { name: "Remove Phone?" }).getByRole("button", { name: "Remove" }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page);
  await confirm.getByRole("textbox", { name: "Authentication code" }).fill("000000");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm.getByText(/That code didn't work/)).toBeVisible();
  await confirm.getByRole("button", { name: "Use your password" }).click();
  await confirm.getByLabel("Password").fill(PASSWORD);
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Phone was removed.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Your second factors" })).toContainText("No second factor yet");
  expect(secret).toBeTruthy();
});

test("a tenant that requires two-factor: a member without one is sent to set it up, then gets in", async ({ page, browser, tenant }) => {
  test.slow();
  const adminEmail = `mfa-admin-${unique()}@e2e.test`;
  const memberEmail = `mfa-member-${unique()}@e2e.test`;
  const adminId = await createUser(adminEmail, PASSWORD, { tenant });
  await makeTenantAdmin(tenant, adminId);
  await createUser(memberEmail, PASSWORD, { tenant });
  await signInAt(page, adminEmail);

  await page.goto(`/${tenant}/admin/iam/security`);
  const form = page.getByRole("form", { name: "Two-factor authentication policy" });
  await form.getByRole("checkbox", { name: "Require two-factor authentication" }).check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("your own account first");
  await expectNoAxeViolations(page);
  await addAuthenticator(page);
  await page.goto(`/${tenant}/admin/iam/security`);
  await form.getByRole("checkbox", { name: "Require two-factor authentication" }).check();
  await form.getByRole("spinbutton", { name: "Grace period (days)" }).fill("91");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Use 0 to 90 days.")).toBeVisible();
  try {
    await form.getByRole("spinbutton", { name: "Grace period (days)" }).fill("0");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Two-factor authentication is now required.");
    // "See who" lists the members without a factor (the worker's tenant has many: narrowed to this one by a search).
    await page.getByRole("link", { name: "See who" }).click();
    await expect(page).toHaveURL(/\/admin\/iam\/users\?mfa=off$/);
    await page.getByRole("searchbox", { name: "Search users" }).fill(memberEmail);
    await page.getByRole("searchbox", { name: "Search users" }).press("Enter");
    await expect(page).toHaveURL(/mfa=off/);
    await expect(page.getByRole("table", { name: "Users of this tenant" }).getByRole("row", { name: new RegExp(memberEmail) })).toContainText("Off");

    const member = await newPage(browser);
    await signInAt(member, memberEmail);
    await expect(member).toHaveURL(/\/account\/security\?required=/);
    await expect(member.getByText("requires two-factor authentication", { exact: false }).first()).toBeVisible();
    await expectNoAxeViolations(member);
    await addAuthenticator(member);
    await member.goto(`/${tenant}`);
    await expect(member).toHaveURL(new RegExp(`/${tenant}$`));
  } finally {
    // The worker's tenant is shared with every other spec of this worker: the requirement must not outlive the test.
    await sql(`UPDATE tenants SET require_mfa = false, require_mfa_since = NULL WHERE id = $1`, [tenant]);
  }
});

test("an invitation that requires two-factor: the account waits for a factor, then the access is granted", async ({ page, browser, tenant }) => {
  test.slow();
  const adminEmail = `mfa-inviter-${unique()}@e2e.test`;
  const invitee = `mfa-invitee-${unique()}@e2e.test`;
  const adminId = await createUser(adminEmail, PASSWORD, { tenant });
  await makeTenantAdmin(tenant, adminId);
  await signInAt(page, adminEmail);
  await page.goto(`/${tenant}/admin/iam/users`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(invitee);
  await dialog.getByRole("radio", { name: "Role" }).check();
  await chooseOption(dialog.getByRole("combobox", { name: "Role" }), "Viewer");
  await dialog.getByRole("checkbox", { name: "Require two-factor authentication before access" }).check();
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(dialog.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
  const link = await invitationLinkFromEmail(invitee);

  const person = await newPage(browser);
  await person.goto(link);
  await expect(person.getByText("This invitation requires two-factor authentication", { exact: false })).toBeVisible();
  await person.getByRole("textbox", { name: "First name" }).fill("Mia");
  await person.getByRole("textbox", { name: "Last name" }).fill("Mfa");
  await person.getByLabel("Password", { exact: true }).fill("a long invitee passphrase 4");
  await person.getByLabel("Confirm password").fill("a long invitee passphrase 4");
  await person.getByRole("button", { name: /Create account/ }).click();
  await expect(person).toHaveURL(/\/account\/security\?join=/);
  await expect(person.getByText("requires two-factor authentication", { exact: false }).first()).toBeVisible();
  expect(await sql(`SELECT 1 FROM tenant_access ta JOIN users u ON u.id = ta.user_id WHERE u.email = $1 AND ta.tenant_id = $2`, [invitee, tenant])).toHaveLength(0);
  await page.goto(`/${tenant}/admin/iam/invitations`);
  await expect(page.getByRole("row", { name: new RegExp(invitee) })).toContainText("Accepted; waits for their two-factor setup");
  await person.getByRole("button", { name: "Add authenticator app" }).click();
  const add = person.getByRole("dialog", { name: "Add an authenticator app" });
  const secret = (await add.getByLabel("Setup key").textContent())!.replace(/\s+/g, "");
  await add.getByRole("textbox", { name: "Code from the app" }).fill(codeFor(secret));
  await add.getByRole("button", { name: "Turn on" }).click();
  await expect(add.getByText("You now have access to", { exact: false })).toBeVisible();
  await add.getByRole("button", { name: "I have saved my codes" }).click();
  await person.goto(`/${tenant}`);
  await expect(person).toHaveURL(new RegExp(`/${tenant}$`));
  await expect(person.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an admin sees a member's factors and resets them: the member's sessions end and the factors are gone", async ({ page, browser, tenant }) => {
  const adminEmail = `mfa-resetter-${unique()}@e2e.test`;
  const memberEmail = `mfa-reset-${unique()}@e2e.test`;
  const adminId = await createUser(adminEmail, PASSWORD, { tenant });
  await makeTenantAdmin(tenant, adminId);
  const memberId = await createUser(memberEmail, PASSWORD, { tenant });
  const member = await newPage(browser);
  await signInAt(member, memberEmail);
  await expect(member).toHaveURL(new RegExp(`/${tenant}$`));
  await addAuthenticator(member, "Member phone");

  await signInAt(page, adminEmail);
  await page.goto(`/${tenant}/admin/iam/users/${memberId}`);
  await expect(page.getByRole("table", { name: `Second factors of ${memberEmail}` })).toContainText("Member phone");
  await expect(page.getByText("2FA on")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Reset two-factor" }).click();
  await page.getByRole("alertdialog", { name: /Reset two-factor authentication/ }).getByRole("button", { name: "Reset two-factor" }).click();
  await expect(page.getByText(`Two-factor authentication of ${memberEmail} was reset.`)).toBeVisible();
  await expect(page.getByRole("table", { name: `Second factors of ${memberEmail}` })).toContainText("No second factor");
  await member.goto("/account/security");
  await expect(member).toHaveURL(/\/login/);
});

test("by keyboard alone: set up an authenticator app, then confirm it's you in the step-up dialog", async ({ page, tenant }) => {
  const email = `mfa-keys-${unique()}@e2e.test`;
  await createUser(email, PASSWORD, { tenant });
  await signInAt(page, email);
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  await page.goto("/account/security");

  const add = page.getByRole("button", { name: "Add authenticator app" });
  await add.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add an authenticator app" });
  const secret = (await dialog.getByLabel("Setup key").textContent())!.replace(/\s+/g, "");
  // Focus lands in the dialog; Tab reaches the code field, Enter submits.
  const code = dialog.getByRole("textbox", { name: "Code from the app" });
  for (let presses = 0; presses < 10 && !(await code.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press("Tab");
  await expect(code).toBeFocused();
  await page.keyboard.type(codeFor(secret));
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("Two-factor authentication is on.", { exact: false })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await sql(`UPDATE sessions s SET authenticated_at = now() - interval '11 minutes' FROM users u WHERE u.id = s.user_id AND u.email = $1`, [email]);
  await page.reload();
  await page.getByRole("button", { name: "Generate new codes" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("alertdialog", { name: "Generate new recovery codes?" }).getByRole("button", { name: "Generate new codes" }).focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(confirm.getByRole("textbox", { name: "Authentication code" })).toBeFocused();
  await page.keyboard.type(codeFor(secret, 1));
  await page.keyboard.press("Enter");
  const codes = page.getByRole("dialog", { name: "Your new recovery codes" });
  await expect(codes.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expectNoAxeViolations(page);
});
