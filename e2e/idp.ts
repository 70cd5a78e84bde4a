import { expect, type Page } from "@playwright/test";
import { OIDC_ISSUER } from "../playwright.config";
import { OIDC_TEST_PASSWORD } from "../dev/oidc-provider/users";

// The test OpenID Provider Playwright starts (dev/oidc-provider/provider.ts): add a person to it, sign in at its page.

export interface IdpClaims {
  email_verified?: boolean | null;
  xms_edov?: boolean;
  claimsFrom?: "userinfo";
}

/** `claims`: how the provider vouches for the email (default email_verified: true); Entra ID sends xms_edov instead. */
export async function addIdpUser(email: string, claims: IdpClaims = {}) {
  const response = await fetch(`${OIDC_ISSUER}/__users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, email_verified: true, ...claims, given_name: "Sso", family_name: "Person", name: "Sso Person" }),
  });
  expect(response.ok).toBe(true);
}

export async function signInAtProvider(page: Page, email: string) {
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}`));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(OIDC_TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in to the test provider" }).click();
}
