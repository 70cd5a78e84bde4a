import { z } from "zod";
import { addDuration, parseDuration } from "./duration";

// The only reader of process.env (scripts/start.ts fills in the embedded defaults before Next starts).

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A limit's threshold: unset or empty → the default; 0 turns that limit off. */
const threshold = (name: string, fallback: number) =>
  optional
    .pipe(z.string().regex(/^\d{1,7}$/, { message: `${name} must be a whole number (0 turns the limit off)` }).optional())
    .transform((value) => (value === undefined ? fallback : Number(value)));

/** A limit's window or lock as an ISO-8601 duration (PT5M, PT30M, PT1H), parsed to seconds. */
const seconds = (name: string, fallback: string) =>
  optional
    .transform((value) => parseDuration(value ?? fallback))
    .refine((duration) => duration !== undefined, { message: `${name} must be an ISO-8601 duration longer than zero, such as PT5M` })
    .transform((duration) => addDuration(new Date(0), duration!).getTime() / 1000);

/** A whole number of at least `min`; unset or empty → the default. */
const wholeNumber = (name: string, fallback: number, min: number) =>
  optional
    .pipe(z.string().regex(/^\d{1,9}$/, { message: `${name} must be a whole number` }).optional())
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => value >= min, { message: `${name} must be at least ${min}` });

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  AUTH_SECRET: optional,
  /**
   * Former AUTH_SECRETs, comma-separated, while rotating: second-factor secrets sealed under them still open and are
   * re-sealed under AUTH_SECRET when next used (README § Rotating AUTH_SECRET).
   */
  AUTH_SECRET_PREVIOUS: optional,
  APP_URL: optional.pipe(z.url({ message: "APP_URL must be an absolute URL such as https://iam.example.com" }).optional()),
  SUPERADMIN_EMAIL: optional.pipe(z.email({ message: "SUPERADMIN_EMAIL must be an email address" }).optional()),
  SUPERADMIN_PASSWORD: optional,
  INVITATIONS_EXPIRE_AFTER: z
    .string()
    .default("P7D")
    .refine((value) => parseDuration(value) !== undefined, {
      message: "INVITATIONS_EXPIRE_AFTER must be an ISO-8601 duration longer than zero, such as P7D or PT12H",
    }),
  /** How long a password reset link works. */
  PASSWORD_RESET_EXPIRE_AFTER: z
    .string()
    .default("PT1H")
    .refine((value) => parseDuration(value) !== undefined, {
      message: "PASSWORD_RESET_EXPIRE_AFTER must be an ISO-8601 duration longer than zero, such as PT1H or PT30M",
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
  // Email outbox (lib/email/outbox.ts): tries per email before it is given up, how often the worker looks for due
  // emails, the wait after a first failed try (doubled after each further one, at most an hour), and the days a sent
  // or given-up email's row (body already cleared) is kept for inspection before the worker deletes it.
  OUTBOX_MAX_ATTEMPTS: wholeNumber("OUTBOX_MAX_ATTEMPTS", 6, 1),
  OUTBOX_POLL_MS: wholeNumber("OUTBOX_POLL_MS", 1000, 50),
  OUTBOX_BACKOFF_BASE_MS: wholeNumber("OUTBOX_BACKOFF_BASE_MS", 5000, 0),
  OUTBOX_RETENTION_DAYS: wholeNumber("OUTBOX_RETENTION_DAYS", 30, 1),
  /**
   * Whether X-Forwarded-For / X-Real-IP name the client (the per-address limits need it): false (default), true
   * behind proxies that overwrite the header, or the number of proxies in front that append to it.
   */
  TRUST_PROXY: optional
    .pipe(z.string().regex(/^(true|false|\d{1,2})$/, { message: "TRUST_PROXY must be true, false or a number of proxies" }).optional())
    .transform((value): boolean | number => (value === "true" ? true : value === undefined || value === "false" ? false : Number(value))),
  // Abuse limits (lib/security/rate-limits.ts), counted in PostgreSQL so that every instance shares them.
  SIGN_IN_ACCOUNT_MAX_FAILURES: threshold("SIGN_IN_ACCOUNT_MAX_FAILURES", 10),
  SIGN_IN_ACCOUNT_WINDOW: seconds("SIGN_IN_ACCOUNT_WINDOW", "PT5M"),
  SIGN_IN_ACCOUNT_LOCK: seconds("SIGN_IN_ACCOUNT_LOCK", "PT30M"),
  SIGN_IN_IP_MAX_FAILURES: threshold("SIGN_IN_IP_MAX_FAILURES", 50),
  SIGN_IN_IP_WINDOW: seconds("SIGN_IN_IP_WINDOW", "PT5M"),
  SIGN_IN_IP_BLOCK: seconds("SIGN_IN_IP_BLOCK", "PT15M"),
  // 600, not 100: one "Invite several" of the maximum 500 addresses plus ordinary invites must fit in an hour.
  INVITATIONS_PER_INVITER_PER_HOUR: threshold("INVITATIONS_PER_INVITER_PER_HOUR", 600),
  // "Forgot password?" requests per email (known or not) and per client address, per hour.
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: threshold("PASSWORD_RESETS_PER_EMAIL_PER_HOUR", 5),
  PASSWORD_RESETS_PER_IP_PER_HOUR: threshold("PASSWORD_RESETS_PER_IP_PER_HOUR", 20),
  ACCEPT_IP_MAX_FAILURES: threshold("ACCEPT_IP_MAX_FAILURES", 30),
  ACCEPT_IP_WINDOW: seconds("ACCEPT_IP_WINDOW", "PT10M"),
  // Sessions (lib/auth/sessions.ts), enforced on the server: a session ends SESSION_MAX_AGE after its sign-in however
  // active it is, or after SESSION_IDLE_TIMEOUT without a request (Grafana's defaults: 30 days and 7 days).
  SESSION_MAX_AGE: seconds("SESSION_MAX_AGE", "P30D"),
  SESSION_IDLE_TIMEOUT: seconds("SESSION_IDLE_TIMEOUT", "P7D"),
  /** The interface `npm start` / `npm run dev` listen on; unset: every interface. */
  HOSTNAME: optional,
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
  const providerName = name || "SSO";
  return { issuer, clientId, clientSecret, providerName, buttonLabel: `Continue with ${providerName}` };
}
