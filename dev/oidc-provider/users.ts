import { createHash } from "node:crypto";
import { z } from "zod";

// The documented users of the development OpenID Provider (dev/oidc-provider/provider.ts, `npm run idp`).
// They sign in on the provider's login page with their email and the shared password below.
//
//   ada@sso.test       Ada Lovelace     email_verified: true
//   grace@sso.test     Grace Hopper     email_verified: true
//   mallory@sso.test   Mallory Mallet   email_verified: FALSE  (the app must refuse an unverified email)
//   stranger@sso.test  Sam Stranger     email_verified: true   (meant to have no invitation / no account)
//
// Tests add more users at runtime: `addOidcUser(user)` in-process, the `OIDC_EXTRA_USERS` env var (a JSON array)
// when the provider runs as its own process, or `POST /__users` (one JSON user) on a running provider.

export const OIDC_TEST_PASSWORD = "sso-password";

export interface OidcUser {
  /** Stable subject identifier (`sub` claim). */
  sub: string;
  /** The login name, matched case-insensitively. */
  email: string;
  /** null: the claim is left out of the token, as Microsoft Entra ID does. */
  email_verified: boolean | null;
  /** Entra ID's optional "email domain owner verified" claim; absent unless given. */
  xms_edov?: boolean;
  /**
   * "userinfo": the email and profile claims are left out of this user's ID tokens and only the UserInfo endpoint
   * returns them, as a spec-strict provider does for everyone (`--strict`). Absent: the provider's mode decides.
   */
  claimsFrom?: "userinfo";
  name: string;
  given_name: string;
  family_name: string;
  password: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** What tests may pass when adding a user: only `email` is required. */
export const oidcUserInputSchema = z
  .object({
    email: z.string().trim().max(254).pipe(z.email()),
    sub: text(255).optional(),
    email_verified: z.boolean().nullable().optional(),
    xms_edov: z.boolean().optional(),
    claimsFrom: z.literal("userinfo").optional(),
    name: text(200).optional(),
    given_name: text(100).optional(),
    family_name: text(100).optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .strict();

export type OidcUserInput = z.input<typeof oidcUserInputSchema>;

/** Fills the defaults: verified email, the shared password, a `sub` derived from the email (stable across restarts). */
export function toOidcUser(input: OidcUserInput): OidcUser {
  const parsed = oidcUserInputSchema.parse(input);
  const localPart = parsed.email.split("@")[0];
  const given = parsed.given_name ?? localPart;
  const family = parsed.family_name ?? "Tester";
  return {
    sub: parsed.sub ?? `sso-${createHash("sha256").update(parsed.email.toLowerCase()).digest("hex").slice(0, 24)}`,
    email: parsed.email,
    email_verified: parsed.email_verified === undefined ? true : parsed.email_verified,
    ...(parsed.xms_edov === undefined ? {} : { xms_edov: parsed.xms_edov }),
    ...(parsed.claimsFrom === undefined ? {} : { claimsFrom: parsed.claimsFrom }),
    name: parsed.name ?? `${given} ${family}`,
    given_name: given,
    family_name: family,
    password: parsed.password ?? OIDC_TEST_PASSWORD,
  };
}

/** Parses `OIDC_EXTRA_USERS`: a JSON array of users (or a single user object). Throws on anything else. */
export function parseOidcUsers(json: string): OidcUser[] {
  const value: unknown = JSON.parse(json);
  const list = z.array(z.unknown()).max(1000).parse(Array.isArray(value) ? value : [value]);
  return list.map((entry) => toOidcUser(oidcUserInputSchema.parse(entry)));
}

export const OIDC_USERS = {
  ada: toOidcUser({ sub: "sso-ada", email: "ada@sso.test", given_name: "Ada", family_name: "Lovelace", name: "Ada Lovelace" }),
  grace: toOidcUser({ sub: "sso-grace", email: "grace@sso.test", given_name: "Grace", family_name: "Hopper", name: "Grace Hopper" }),
  mallory: toOidcUser({
    sub: "sso-mallory",
    email: "mallory@sso.test",
    email_verified: false,
    given_name: "Mallory",
    family_name: "Mallet",
    name: "Mallory Mallet",
  }),
  stranger: toOidcUser({ sub: "sso-stranger", email: "stranger@sso.test", given_name: "Sam", family_name: "Stranger", name: "Sam Stranger" }),
} as const satisfies Record<string, OidcUser>;
