import { expect, test } from "./fixtures";
import { appOrigin, E2E_PORTS, OIDC_STRICT } from "../playwright.config";
import { expectNoAxeViolations, insertInvitation, sql } from "./helpers";
import { OIDC_USERS } from "../dev/oidc-provider/users";
import { addIdpUser, signInAtProvider, type IdpClaims } from "./idp";

// A real browser round trip through a real OpenID Provider (dev/oidc-provider/provider.ts, `npm run idp`): PKCE, state and
// nonce, signed ID tokens. Each test gets a fresh browser context, so the provider's own session never carries over.
// Every journey runs twice: with the email and profile claims in the ID token (most providers), and with them only
// at the UserInfo endpoint (a spec-strict provider: ZITADEL, recent Authelia), using users added with
// "claimsFrom": "userinfo" to the one provider Playwright starts.
const stamp = Date.now().toString(36);

async function usersWithEmail(email: string) {
  return (await sql<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email = $1", [email]))[0].n;
}

const MODES = [
  {
    // E2E_OIDC_STRICT=1 makes the whole provider strict, so this half then proves nothing more than the other.
    title: OIDC_STRICT ? "SSO, provider in strict mode (E2E_OIDC_STRICT=1)" : "SSO, email and profile claims in the ID token",
    tag: "idt",
    claims: {},
  },
  { title: "SSO, email and profile claims only from UserInfo (a spec-strict provider)", tag: "uinfo", claims: { claimsFrom: "userinfo" } },
] as const satisfies readonly { title: string; tag: string; claims: IdpClaims }[];

for (const mode of MODES) {
  test.describe(mode.title, () => {
    const address = (kind: string, domain = "sso.test") => `sso-${kind}-${mode.tag}-${stamp}@${domain}`;
    const addUser = (email: string, claims: IdpClaims = {}) => addIdpUser(email, { ...claims, ...mode.claims });
    // The documented users (dev/oidc-provider/users.ts) stand for the ID-token mode; the other mode gets its own copies of them.
    const people =
      mode.tag === "idt"
        ? { other: OIDC_USERS.grace.email, unverified: OIDC_USERS.mallory.email, stranger: OIDC_USERS.stranger.email }
        : { other: address("other"), unverified: address("unverified"), stranger: address("stranger") };

    test.beforeAll(async () => {
      if (mode.tag === "idt") return;
      await addUser(people.other);
      await addUser(people.unverified, { email_verified: false });
      await addUser(people.stranger);
    });

    test("accept via SSO: the verified, matching email gets an account with exactly the invited access", async ({ page, browser, tenant }) => {
      const email = address("invitee");
      await addUser(email);
      const { token } = await insertInvitation(tenant, email, { role: "Viewer", namespaces: ["company"] });

      await page.goto(`/invitations/${token}`);
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(page, email);

      await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
      await expect(page.getByRole("button", { name: /User menu/ })).toContainText("Sso Person");
      const [user] = await sql<{ password_hash: string | null; accounts: number; role: string; namespace: string; first_name: string }>(
        `SELECT u.password_hash, u.first_name, (SELECT count(*)::int FROM accounts a WHERE a.user_id = u.id) AS accounts, r.name AS role, b.namespace
         FROM users u JOIN bindings b ON b.user_id = u.id JOIN roles r ON r.id = b.role_id WHERE u.email = $1`,
        [email],
      );
      expect(user).toEqual({ password_hash: null, first_name: "Sso", accounts: 1, role: "Viewer", namespace: "company" });
      expect((await page.goto(`/${tenant}/admin/iam/users`))?.status()).toBe(403);

      // Later, in a new browser: "Continue with SSO" on the login page signs the same person in again.
      const later = await (await browser.newContext()).newPage();
      await later.goto("/login");
      await later.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(later, email);
      await expect(later).toHaveURL(new RegExp(`/${tenant}$`));
      await later.context().close();
    });

    test("accept via SSO with another email is refused and creates nothing", async ({ page, tenant }) => {
      const invited = address("invited", "e2e.test");
      const { token, id } = await insertInvitation(tenant, invited);
      await page.goto(`/invitations/${token}`);
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(page, people.other);

      await expect(page.getByRole("heading", { name: "Your SSO account has a different email than the invitation" })).toBeVisible();
      await expectNoAxeViolations(page);
      expect(await usersWithEmail(invited)).toBe(0);
      expect(await usersWithEmail(people.other)).toBe(0);
      const [invitation] = await sql<{ accepted_at: Date | null }>("SELECT accepted_at FROM invitations WHERE id = $1", [id]);
      expect(invitation.accepted_at).toBeNull();
    });

    test("accept via SSO with an unverified email is refused and creates nothing", async ({ page, tenant }) => {
      const { token } = await insertInvitation(tenant, people.unverified);
      await page.goto(`/invitations/${token}`);
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(page, people.unverified);
      await expect(page.getByRole("heading", { name: "Your identity provider has not verified your email" })).toBeVisible();
      expect(await usersWithEmail(people.unverified)).toBe(0);
    });

    test("accept via SSO from Entra ID: no email_verified, but xms_edov: true, is a verified email; without it, refused", async ({ page, browser, tenant }) => {
      const entra = address("entra");
      await addUser(entra, { email_verified: null, xms_edov: true });
      const { token } = await insertInvitation(tenant, entra, { role: "Viewer" });
      await page.goto(`/invitations/${token}`);
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(page, entra);
      await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
      expect(await usersWithEmail(entra)).toBe(1);

      // The same provider without the optional claim configured: nothing vouches for the email.
      const bare = address("entra-bare");
      await addUser(bare, { email_verified: null });
      const other = await (await browser.newContext()).newPage();
      await other.goto(`/invitations/${(await insertInvitation(tenant, bare)).token}`);
      await other.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(other, bare);
      await expect(other.getByRole("heading", { name: "Your identity provider has not verified your email" })).toBeVisible();
      expect(await usersWithEmail(bare)).toBe(0);
      await other.context().close();
    });

    test("a stranger without an invitation is refused at sign-in as not invited, with no account created", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await signInAtProvider(page, people.stranger);
      await expect(page).toHaveURL(/\/login\?error=unknown-user/);
      await expect(page.getByRole("alert").filter({ hasText: /no account for this identity/ })).toBeVisible();
      await expectNoAxeViolations(page);
      expect(await usersWithEmail(people.stranger)).toBe(0);
    });
  });
}

test("no SSO variables, no SSO buttons", async ({ page, tenant }) => {
  const withoutSso = appOrigin(E2E_PORTS.appWithoutEmail);
  await page.goto(`${withoutSso}/login`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
  const { token } = await insertInvitation(tenant, `no-sso-${stamp}@e2e.test`);
  await page.goto(`${withoutSso}/invitations/${token}`);
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
});
