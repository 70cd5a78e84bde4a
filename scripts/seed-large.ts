import { pathToFileURL } from "node:url";
import pg from "pg";
import { parseConfig } from "../lib/config";
import { migrate } from "../lib/db/migrate";
import { DEFAULT_TENANT, DEMO_NAMESPACES, seed } from "../prisma/seed";

// `npm run seed:large [-- --users N] [-- --invitations N]`: a tenant the size of a big customer, to measure the
// IAM pages against (100,000 users, 50 groups, 10,000 invitations by default). Set-based SQL (generate_series)
// rather than row-by-row inserts keeps it well under a minute. Idempotent: rows are keyed by their email or
// name, so a second run adds nothing and a larger --users adds only the difference.

const TENANT = DEFAULT_TENANT;
const BATCH = 25_000;
export const MAX_USERS = 999_999;
const FIRST_NAMES = [
  "Ada", "Alan", "Amara", "Ana", "Arjun", "Beatriz", "Carlos", "Chen", "Chloé", "Daniel", "Elena", "Emma", "Fatima",
  "Felix", "Grace", "Hannah", "Hiro", "Ibrahim", "Isabel", "Jakub", "James", "Julia", "Kwame", "Lars", "Leila",
  "Lucas", "Maria", "Mateo", "Mei", "Mohammed", "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Sara", "Sofia",
  "Tomás", "Yuki",
];
const LAST_NAMES = [
  "Andersen", "Bakker", "Bianchi", "Chen", "Costa", "Dubois", "Eriksson", "Fernández", "García", "Gonzalez", "Haddad",
  "Hansen", "Ivanova", "Jansen", "Kim", "Kowalski", "Laurent", "Lee", "Martin", "Mensah", "Müller", "Nakamura",
  "Novak", "Okafor", "Olsen", "Patel", "Pereira", "Rossi", "Schmidt", "Silva", "Singh", "Smith", "Suzuki", "Tanaka",
  "Nguyen", "Wagner", "Weber", "Williams", "Yilmaz", "Zhang",
];
/** Viewer, Launcher, Editor, Developer in turn for the groups' bindings. */
const GROUP_ROLES = ["Viewer", "Launcher", "Editor", "Developer"];

export interface SeedLargeOptions {
  users: number;
  invitations: number;
  log?: (line: string) => void;
}

export type SeedLargeCounts = Record<"users" | "tenantAccess" | "groups" | "memberships" | "bindings" | "invitations", number>;

export async function seedLarge(databaseUrl: string, options: SeedLargeOptions): Promise<{ inserted: SeedLargeCounts; seconds: number }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const inserted: SeedLargeCounts = { users: 0, tenantAccess: 0, groups: 0, memberships: 0, bindings: 0, invitations: 0 };
  const step = async (label: keyof SeedLargeCounts, run: () => Promise<number>) => {
    const at = performance.now();
    inserted[label] += await run();
    log(`  ${label.padEnd(13)} ${String(inserted[label]).padStart(7)} inserted  ${seconds(at)} s`);
  };
  const rows = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rowCount ?? 0;

  try {
    const [admin] = (await client.query<{ id: string }>(`SELECT id FROM users WHERE super_admin ORDER BY created_at, id LIMIT 1`)).rows;
    if (!admin) throw new Error("No superadmin exists: run the normal seed first.");

    await step("users", async () => {
      let count = 0;
      for (let first = 1; first <= options.users; first += BATCH) {
        const last = Math.min(first + BATCH - 1, options.users);
        count += await rows(
          `INSERT INTO users (id, email, first_name, last_name, disabled, created_at, updated_at, last_login_at)
           SELECT gen_random_uuid(), 'user' || lpad(n::text, 6, '0') || '@large.example',
                  ($3::text[])[1 + n % cardinality($3::text[])],
                  ($4::text[])[1 + (n / cardinality($3::text[]) + n * 7) % cardinality($4::text[])],
                  n % 23 = 0,
                  now() - (n % 730) * interval '1 day' - (n % 1440) * interval '1 minute',
                  now(),
                  CASE WHEN n % 7 = 0 THEN NULL ELSE now() - ((n * 37) % 90) * interval '1 day' - (n % 600) * interval '1 minute' END
           FROM generate_series($1::int, $2::int) AS n
           ON CONFLICT (email) DO NOTHING`,
          [first, last, FIRST_NAMES, LAST_NAMES],
        );
      }
      return count;
    });
    // Every large user by number, for the steps below; a temporary table lives as long as this connection.
    await client.query(
      `CREATE TEMP TABLE large_users AS
       SELECT n, u.id FROM generate_series(1, $1::int) AS n JOIN users u ON u.email = 'user' || lpad(n::text, 6, '0') || '@large.example'`,
      [options.users],
    );

    await step("tenantAccess", () =>
      rows(`INSERT INTO tenant_access (tenant_id, user_id) SELECT $1, id FROM large_users ON CONFLICT DO NOTHING`, [TENANT]),
    );
    await step("groups", () =>
      rows(
        `INSERT INTO groups (id, tenant_id, name, description)
         SELECT gen_random_uuid(), $1, 'Group ' || lpad(k::text, 2, '0'), 'Benchmark group ' || k FROM generate_series(1, 50) AS k
         ON CONFLICT (tenant_id, name) DO NOTHING`,
        [TENANT],
      ),
    );
    // Each user in one group, every third user in a second one (the same group twice collapses to one).
    await step("memberships", () =>
      rows(
        `INSERT INTO group_memberships (group_id, user_id)
         SELECT g.id, lu.id
         FROM large_users lu
         CROSS JOIN LATERAL (VALUES (1 + lu.n % 50), (CASE WHEN lu.n % 3 = 0 THEN 1 + (lu.n * 7 + 13) % 50 END)) AS pick(k)
         JOIN groups g ON g.tenant_id = $1 AND g.name = 'Group ' || lpad(pick.k::text, 2, '0')
         ON CONFLICT DO NOTHING`,
        [TENANT],
      ),
    );
    // Bindings have no natural key, so NOT EXISTS keeps re-runs from duplicating them.
    await step("bindings", async () => {
      const users = await rows(
        `INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace)
         SELECT gen_random_uuid(), $1, 'USER', lu.id, r.id, ($2::text[])[1 + (lu.n / 10) % cardinality($2::text[])]
         FROM large_users lu JOIN roles r ON r.tenant_id = $1 AND r.name = 'Viewer'
         WHERE lu.n % 10 = 0
           AND NOT EXISTS (SELECT 1 FROM bindings b WHERE b.tenant_id = $1 AND b.user_id = lu.id AND b.role_id = r.id)`,
        [TENANT, DEMO_NAMESPACES],
      );
      const groups = await rows(
        `INSERT INTO bindings (id, tenant_id, type, group_id, role_id, namespace)
         SELECT gen_random_uuid(), $1, 'GROUP', g.id, r.id, ($2::text[])[1 + k % cardinality($2::text[])]
         FROM generate_series(1, 50) AS k
         JOIN groups g ON g.tenant_id = $1 AND g.name = 'Group ' || lpad(k::text, 2, '0')
         JOIN roles r ON r.tenant_id = $1 AND r.name = ($3::text[])[1 + k % cardinality($3::text[])]
         WHERE NOT EXISTS (SELECT 1 FROM bindings b WHERE b.tenant_id = $1 AND b.group_id = g.id)`,
        [TENANT, DEMO_NAMESPACES, GROUP_ROLES],
      );
      return users + groups;
    });
    // Statuses by n % 10: 0–3 pending, 4–5 accepted, 6–7 expired, 8–9 revoked. The token is a hash of random
    // bytes nobody ever sees, so none of these invitations can actually be accepted.
    await step("invitations", async () => {
      let count = 0;
      for (let first = 1; first <= options.invitations; first += BATCH) {
        const last = Math.min(first + BATCH - 1, options.invitations);
        count += await rows(
          `INSERT INTO invitations (id, tenant_id, email, token_hash, invited_by_id, created_at, sent_at, expires_at, accepted_at, revoked_at, delivery_status)
           SELECT gen_random_uuid(), $3, e.email,
                  encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'),
                  $4, t.sent, t.sent, t.sent + interval '7 days',
                  CASE WHEN n % 10 IN (4, 5) THEN t.sent + interval '1 day' END,
                  CASE WHEN n % 10 IN (8, 9) THEN t.sent + interval '2 days' END,
                  (CASE WHEN n % 10 = 7 THEN 'FAILED' ELSE 'SENT' END)::"DeliveryStatus"
           FROM generate_series($1::int, $2::int) AS n
           CROSS JOIN LATERAL (SELECT 'invitee' || lpad(n::text, 6, '0') || '@large.example' AS email) AS e
           CROSS JOIN LATERAL (
             SELECT CASE WHEN n % 10 < 4 THEN now() - (n % 6) * interval '1 day' - (n % 1440) * interval '1 minute'
                         ELSE now() - (8 + n % 60) * interval '1 day' - (n % 1440) * interval '1 minute' END AS sent
           ) AS t
           WHERE NOT EXISTS (SELECT 1 FROM invitations i WHERE i.tenant_id = $3 AND i.email = e.email)`,
          [first, last, TENANT, admin.id],
        );
      }
      // What each invitation grants: a group (odd n) or Viewer, tenant-wide or on one namespace (even n).
      const access = `SELECT n, i.id FROM generate_series(1, $2::int) AS n
                      JOIN invitations i ON i.tenant_id = $1 AND i.email = 'invitee' || lpad(n::text, 6, '0') || '@large.example'`;
      await client.query(
        `INSERT INTO invitation_groups (invitation_id, group_id)
         SELECT li.id, g.id FROM (${access}) AS li
         JOIN groups g ON g.tenant_id = $1 AND g.name = 'Group ' || lpad((1 + li.n % 50)::text, 2, '0')
         WHERE li.n % 2 = 1
         ON CONFLICT DO NOTHING`,
        [TENANT, options.invitations],
      );
      await client.query(
        `INSERT INTO invitation_roles (invitation_id, role_id, namespaces)
         SELECT li.id, r.id, CASE WHEN li.n % 4 = 0 THEN ARRAY[]::text[] ELSE ARRAY[($3::text[])[1 + li.n % cardinality($3::text[])]] END
         FROM (${access}) AS li JOIN roles r ON r.tenant_id = $1 AND r.name = 'Viewer'
         WHERE li.n % 2 = 0
         ON CONFLICT DO NOTHING`,
        [TENANT, options.invitations, DEMO_NAMESPACES],
      );
      // What each concerns, as insertInvitations stores it (lib/iam/authz/concerns.ts): a role's namespaces; groups and
      // tenant-wide roles keep the default, tenant-wide.
      await client.query(
        `UPDATE invitations i SET namespaces = ir.namespaces
         FROM (${access}) AS li JOIN invitation_roles ir ON ir.invitation_id = li.id
         WHERE i.id = li.id AND li.n % 2 = 0 AND cardinality(ir.namespaces) > 0 AND i.namespaces <> ir.namespaces`,
        [TENANT, options.invitations],
      );
      return count;
    });

    const at = performance.now();
    await client.query(
      `ANALYZE users, tenant_access, groups, group_memberships, bindings, invitations, invitation_groups, invitation_roles`,
    );
    log(`  analyze                        ${seconds(at)} s`);
    return { inserted, seconds: Number(seconds(started)) };
  } finally {
    await client.end();
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

export class UsageError extends Error {}

/** `--users N` and `--invitations N` (default: 100,000 users and a tenth as many invitations). */
export function parseArguments(argv: string[]): { users: number; invitations: number } {
  const values: Record<string, number> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const flag = /^--(users|invitations)(?:=(.*))?$/.exec(argv[index]);
    if (!flag) throw new UsageError(`Unknown argument ${JSON.stringify(argv[index])}. Usage: npm run seed:large -- [--users N] [--invitations N]`);
    const raw = flag[2] ?? argv[++index];
    const value = Number(raw);
    if (!/^\d+$/.test(raw ?? "") || value > MAX_USERS || (flag[1] === "users" && value < 1)) {
      throw new UsageError(`--${flag[1]} takes a whole number from ${flag[1] === "users" ? 1 : 0} to ${MAX_USERS.toLocaleString("en")}.`);
    }
    values[flag[1]] = value;
  }
  const users = values.users ?? 100_000;
  return { users, invitations: values.invitations ?? Math.floor(users / 10) };
}

async function main(): Promise<void> {
  const { users, invitations } = parseArguments(process.argv.slice(2));
  const config = parseConfig(process.env);
  // Like db:migrate, never the embedded database: a benchmark seed must land exactly where it was pointed.
  if (!config.DATABASE_URL) {
    throw new UsageError(
      "DATABASE_URL is not set. Point it at the PostgreSQL database to fill, e.g.\n" +
        "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/iam_large npm run seed:large",
    );
  }
  const started = performance.now();
  await migrate(config.DATABASE_URL, { log: () => {} });
  const { superadmin } = await seed(config.DATABASE_URL, {
    isProduction: config.NODE_ENV === "production",
    superadminEmail: config.SUPERADMIN_EMAIL,
    superadminPassword: config.SUPERADMIN_PASSWORD,
  });
  if (superadmin?.generatedPassword) {
    console.log(`First superadmin created: ${superadmin.email} / ${superadmin.generatedPassword} (shown once)`);
  }
  console.log(`seed:large → tenant "${TENANT}": ${users.toLocaleString("en")} users, ${invitations.toLocaleString("en")} invitations`);
  const { inserted } = await seedLarge(config.DATABASE_URL, { users, invitations, log: console.log });
  const total = Object.values(inserted).reduce((sum, count) => sum + count, 0);
  console.log(`Done: ${total.toLocaleString("en")} rows inserted in ${seconds(started)} s${total === 0 ? " (everything was already there)" : ""}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  });
}
