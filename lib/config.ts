import { z } from "zod";
import { parseDuration } from "./duration";

// The only reader of process.env (scripts/start.ts fills in the embedded defaults before Next starts).

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  AUTH_SECRET: optional,
  APP_URL: optional.pipe(z.url({ message: "APP_URL must be an absolute URL such as https://iam.example.com" }).optional()),
  SUPERADMIN_EMAIL: optional.pipe(z.email({ message: "SUPERADMIN_EMAIL must be an email address" }).optional()),
  SUPERADMIN_PASSWORD: optional,
  INVITATIONS_EXPIRE_AFTER: z
    .string()
    .default("P7D")
    .refine((value) => parseDuration(value) !== undefined, {
      message: "INVITATIONS_EXPIRE_AFTER must be an ISO-8601 duration longer than zero, such as P7D or PT12H",
    }),
  RESEND_API_KEY: optional,
  RESEND_BASE_URL: optional,
  EMAIL_FROM: optional,
  AUTH_OIDC_ISSUER: optional,
  AUTH_OIDC_ID: optional,
  AUTH_OIDC_SECRET: optional,
  AUTH_OIDC_NAME: optional,
  /** Role (by name) given to unknown SSO users; unset → no open sign-up (Kestra's kestra.security.defaultRole). */
  AUTH_OIDC_DEFAULT_ROLE: optional,
  AUTH_OIDC_DEFAULT_TENANT: optional,
  DATA_DIR: z.string().default(".data"),
});

export type Config = z.infer<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export const isProduction = () => config().NODE_ENV === "production";

/** SSO is on only when the issuer, client id and secret are all set. */
export function ssoConfig() {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: clientId, AUTH_OIDC_SECRET: clientSecret, AUTH_OIDC_NAME: name } = config();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, buttonLabel: name ? `Continue with ${name}` : "Continue with SSO" };
}
