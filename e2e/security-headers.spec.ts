import type { APIResponse, Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures";
import { OIDC_ISSUER } from "../playwright.config";
import { createUser, E2E_ADMIN, insertInvitation, signIn, sql } from "./helpers";

// Protective headers (proxy.ts, lib/security/headers.ts) on every kind of response, and the app still working under
// its nonce-based Content-Security-Policy: any CSP violation Chromium reports on the console fails the test.
const unique = Date.now().toString(36);
const invitationIds: string[] = [];

test.afterAll(async () => {
  await sql(`DELETE FROM invitations WHERE id = ANY($1::uuid[])`, [invitationIds]);
});

async function invitationToken(tenant: string, email: string): Promise<string> {
  const { token, id } = await insertInvitation(tenant, email);
  invitationIds.push(id);
  return token;
}

/** Chromium logs every blocked script, style, form or frame as a console error naming the Content Security Policy. */
function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

function directive(csp: string, name: string): string[] {
  const found = csp.split(";").map((part) => part.trim().split(/\s+/)).find(([directiveName]) => directiveName === name);
  if (!found) throw new Error(`no ${name} in ${csp}`);
  return found.slice(1);
}

/** Asserts the full header set and returns the response's CSP nonce. */
function expectProtectiveHeaders(headers: Record<string, string>, referrerPolicy = "strict-origin-when-cross-origin"): string {
  const csp = headers["content-security-policy"];
  expect(csp, "Content-Security-Policy").toBeTruthy();
  const scriptSrc = directive(csp, "script-src");
  const nonce = scriptSrc.map((source) => /^'nonce-([A-Za-z0-9+/]+={0,2})'$/.exec(source)?.[1]).find(Boolean);
  expect(nonce, `a nonce in script-src: ${scriptSrc.join(" ")}`).toBeTruthy();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'"); // a production build
  expect(directive(csp, "default-src")).toEqual(["'self'"]);
  expect(directive(csp, "object-src")).toEqual(["'none'"]);
  expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
  expect(directive(csp, "base-uri")).toEqual(["'self'"]);
  expect(directive(csp, "form-action")).toEqual(["'self'", OIDC_ISSUER]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe(referrerPolicy);
  expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=()");
  // A production build, but served over plain HTTP: HSTS would pin browsers to an HTTPS that does not exist.
  expect(headers["strict-transport-security"]).toBeUndefined();
  return nonce!;
}

/** Every <script> in a server-rendered page carries the response's nonce, or the browser would refuse to run it. */
async function expectScriptsNonced(response: Response | APIResponse, nonce: string) {
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
}

test("every kind of response carries the protective headers, with a fresh nonce each time", async ({ page, request, tenant }) => {
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  const loginNonce = expectProtectiveHeaders(login.headers());
  await expectScriptsNonced(login, loginNonce);
  const again = await request.get("/login");
  expect(expectProtectiveHeaders(again.headers())).not.toBe(loginNonce);

  // The API routes get the headers but not the sign-in redirect.
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectProtectiveHeaders(health.headers());
  const session = await request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expectProtectiveHeaders(session.headers());

  // The proxy's own redirect to the sign-in page.
  const redirect = await request.get("/main/admin/iam/groups", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toBe("/login?callbackUrl=%2Fmain%2Fadmin%2Fiam%2Fgroups");
  expectProtectiveHeaders(redirect.headers());

  // The accept page: its path is a credential, so not even the origin goes out as a referrer.
  const accept = await request.get(`/invitations/${await invitationToken(tenant, `headers-accept-${unique}@e2e.test`)}`);
  expect(accept.status()).toBe(200);
  await expectScriptsNonced(accept, expectProtectiveHeaders(accept.headers(), "no-referrer"));

  // Signed in: a console page and a 404 (rendered per request now, so its scripts carry the nonce too).
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  const consolePage = await page.goto("/main/admin/iam/groups");
  expect(consolePage?.status()).toBe(200);
  await expectScriptsNonced(consolePage!, expectProtectiveHeaders(await consolePage!.allHeaders()));
  const notFound = await page.goto(`/main/admin/no-such-page-${unique}`);
  expect(notFound?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectScriptsNonced(notFound!, expectProtectiveHeaders(await notFound!.allHeaders()));

  // Static files, which the proxy does not run on, get the request-independent headers from next.config.ts.
  const scriptUrl = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
  for (const path of [scriptUrl!, "/icon.svg"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toBe("camera=(), microphone=(), geolocation=()");
  }
});

test("the console works under the CSP: sign in, a Radix dialog, a 404, without a single violation", async ({ page }) => {
  const violations = watchCspViolations(page);
  await page.goto("/main/admin/iam/groups");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main\/admin\/iam\/groups$/);

  await page.getByRole("button", { name: "Create group" }).click();
  const dialog = page.getByRole("dialog", { name: "Create group" });
  await expect(dialog).toBeVisible();
  // Client-side validation is React running: the nonced scripts loaded and hydrated the form.
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Enter a name")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Client-side navigation (RSC requests through the proxy) and the 404 page.
  await page.getByRole("link", { name: "Roles", exact: true }).click();
  await expect(page).toHaveURL(/\/main\/admin\/iam\/roles$/);
  await page.goto(`/no-such-tenant-page/${unique}/x`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("/no-tenant, rendered per request now, still signs out", async ({ page }) => {
  const violations = watchCspViolations(page);
  const email = `headers-no-tenant-${unique}@e2e.test`;
  await createUser(email, "no-tenant-password-1");
  await page.goto("/login");
  await signIn(page, email, "no-tenant-password-1");
  await expect(page).toHaveURL(/\/no-tenant$/);
  await expect(page.getByRole("heading", { name: "You don't have access to any tenant yet" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(violations).toEqual([]);
});

test("the accept page's live password checklist runs under the CSP", async ({ page, tenant }) => {
  const violations = watchCspViolations(page);
  const email = `headers-checklist-${unique}@e2e.test`;
  await page.goto(`/invitations/${await invitationToken(tenant, email)}`);
  const requirement = (label: string) => page.getByRole("listitem").filter({ hasText: label });
  await page.getByLabel("Password", { exact: true }).fill("short");
  await expect(requirement("At least 12 characters")).toContainText("not met");
  await page.getByLabel("Password", { exact: true }).fill("Quiet meadow 42 lanterns");
  await expect(requirement("At least 12 characters")).toContainText("— met");
  await expect(requirement("Not a commonly used password")).toContainText("— met");
  expect(violations).toEqual([]);
});

test("the CSP blocks script injected into the HTML, and these tests notice", async ({ page }) => {
  const violations = watchCspViolations(page);
  // What an HTML injection would smuggle into a server-rendered page: an inline script and an inline event handler,
  // without the nonce. The response keeps its real headers, CSP included.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const injection = '<script>window.__injected = 1</script><img src="/no-such-image.png" onerror="window.__injected = 2" alt="">';
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injection}</body>`) });
  });
  await page.goto("/login");
  await expect.poll(() => violations.length).toBe(2);
  expect(violations.join("\n")).toContain("inline script");
  expect(violations.join("\n")).toContain("inline event handler");
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  // The page's own, nonced scripts still ran: Next's runtime booted (it sets window.next).
  await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
});

test("Continue with SSO reaches the provider, with and without JavaScript", async ({ page, browser, tenant }) => {
  const violations = watchCspViolations(page);
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  await expect(page.getByRole("button", { name: "Sign in to the test provider" })).toBeVisible();

  // The accept page's "Continue with SSO" (a server action that sets the invitation cookie, then redirects).
  await page.goto(`/invitations/${await invitationToken(tenant, `headers-sso-${unique}@e2e.test`)}`);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  expect(violations.filter((violation) => !violation.startsWith(OIDC_ISSUER))).toEqual([]);

  // Without JavaScript (or before hydration) the server action is a real form POST answered by a redirect to the
  // provider, and browsers hold redirects of form submissions to form-action: the issuer's origin must be listed.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  const noScriptViolations = watchCspViolations(noScript);
  await noScript.goto("/login");
  await noScript.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(noScript).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  expect(noScriptViolations.filter((violation) => !violation.startsWith(OIDC_ISSUER))).toEqual([]);
  await context.close();
});
