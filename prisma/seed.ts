import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import { MANAGED_ROLES } from "@/lib/iam/authz/permissions";
import { rekeyNames } from "@/lib/iam/names/rekey-names";

// Idempotent, and safe when several app instances start at once: everything runs in one transaction under an
// advisory lock, so a second instance waits and then finds the work done.
const SEED_LOCK = 72707370;
export const DEFAULT_TENANT = "main";
export const DEMO_NAMESPACES = ["company", "company.team", "company.team.data", "other"];
const DEV_SUPERADMIN_EMAIL = "admin@example.com";

export interface SeedOptions {
  isProduction: boolean;
  superadminEmail?: string;
  superadminPassword?: string;
  /** Where warnings go (names that look alike); console.warn by default. */
  warn?: (message: string) => void;
}

export interface SeedResult {
  /** Set when this run created the first superadmin; `generatedPassword` only when it was generated here. */
  superadmin?: { email: string; generatedPassword?: string };
}

export class SeedError extends Error {}

export async function seed(databaseUrl: string, options: SeedOptions): Promise<SeedResult> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    return await prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${SEED_LOCK})`;
        await tx.tenant.upsert({ where: { id: DEFAULT_TENANT }, create: { id: DEFAULT_TENANT, name: "Main" }, update: {} });
        for (const role of MANAGED_ROLES) {
          // Managed roles follow the code: a new release may widen or narrow them.
          await tx.role.upsert({
            where: { tenantId_name: { tenantId: DEFAULT_TENANT, name: role.name } },
            create: { tenantId: DEFAULT_TENANT, isManaged: true, ...role, ...nameKeys(role.name) },
            update: { isManaged: true, description: role.description, permissions: role.permissions },
          });
        }
        // Before the app serves a request: rows older than the look-alike keys, or written in SQL, get theirs.
        const warn = options.warn ?? ((message: string) => console.warn(`Warning: ${message}`));
        for (const report of await rekeyNames(tx)) warn(report);
        await tx.namespace.createMany({
          data: DEMO_NAMESPACES.map((name) => ({ tenantId: DEFAULT_TENANT, name })),
          skipDuplicates: true,
        });
        if ((await tx.user.count()) > 0) return {};

        const superadmin = firstSuperadmin(options);
        const user = await tx.user.create({
          data: {
            email: superadmin.email,
            firstName: "Super",
            lastName: "Admin",
            superAdmin: true,
            passwordHash: await hashPassword(superadmin.password),
            // A generated password was printed to the console: it must be replaced at first sign-in.
            mustChangePassword: superadmin.generated,
            accesses: { create: { tenantId: DEFAULT_TENANT } },
          },
        });
        await tx.auditLog.create({
          data: {
            tenantId: DEFAULT_TENANT,
            actorEmail: "system",
            resourceType: "USER",
            resourceId: user.id,
            action: "CREATE",
            details: `First superadmin ${user.email} created at start-up`,
            after: { email: user.email, superAdmin: true },
            // A user, so the whole tenant (lib/iam/authz/concerns.ts).
            namespaces: [],
          },
        });
        return { superadmin: { email: user.email, generatedPassword: superadmin.generated ? superadmin.password : undefined } };
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  } finally {
    await prisma.$disconnect();
  }
}

function firstSuperadmin(options: SeedOptions): { email: string; password: string; generated: boolean } {
  const email = options.superadminEmail?.trim().toLowerCase();
  const password = options.superadminPassword;
  if (options.isProduction && (!email || !password)) {
    throw new SeedError(
      "No user exists yet: set SUPERADMIN_EMAIL and SUPERADMIN_PASSWORD to create the first superadmin in production.",
    );
  }
  if (password !== undefined && password.length < 12) {
    throw new SeedError("SUPERADMIN_PASSWORD must be at least 12 characters long.");
  }
  if (password) return { email: email ?? DEV_SUPERADMIN_EMAIL, password, generated: false };
  return { email: email ?? DEV_SUPERADMIN_EMAIL, password: randomBytes(12).toString("base64url"), generated: true };
}
