import { test as base } from "@playwright/test";
import { sql } from "./helpers";

export { expect } from "@playwright/test";

// Playwright runs the specs on several workers at once (playwright.config.ts), all against one database and the same
// two app servers. What a test writes goes into the tenant of its worker, created here when the worker starts, so
// counts, lists, empty states and the audit log of one worker never see another's data:
//
// - The tenant starts as the seed leaves `main`: the same managed roles and namespaces (copied from `main`), and
//   access for the superadmin. Copying what the seed made, rather than repeating its SQL, keeps the two alike.
// - `main` itself is left as seeded: no spec writes there, so a spec may check what the seed made (its empty Groups
//   and Invitations tabs, the "First superadmin … created" audit entry) in `main`.
// - Its name sorts after "Main", so a superadmin (who may open every tenant) still lands on `main` after signing in;
//   a user created with access to this tenant only lands here.
// - A new worker (Playwright starts one after a failed test) gets a new tenant, so a failure leaves nothing behind
//   for the next test to trip over; a rerun on the same database gets new ones too.
//
// Users and emails are global, not per tenant: specs keep giving them addresses of their own (a time stamp), and read
// the Resend stand-in by address.

export interface WorkerFixtures {
  /** The id of this worker's tenant, e.g. `w0-m0x1y2z3`: the first segment of its URLs. */
  tenant: string;
  /** Its display name, e.g. "Worker 0". */
  tenantName: string;
}

export const test = base.extend<Record<never, never>, WorkerFixtures>({
  tenantName: [async ({}, use, workerInfo) => use(`Worker ${workerInfo.workerIndex}`), { scope: "worker" }],
  tenant: [
    async ({ tenantName }, use, workerInfo) => {
      const id = `w${workerInfo.workerIndex}-${Date.now().toString(36)}`;
      await createTenantLikeMain(id, tenantName);
      await use(id);
    },
    { scope: "worker" },
  ],
});

async function createTenantLikeMain(id: string, name: string) {
  await sql(
    `WITH tenant AS (INSERT INTO tenants (id, name) VALUES ($1, $2) RETURNING id),
     roles AS (
       INSERT INTO roles (id, tenant_id, name, name_key, name_skeleton, description, permissions, is_managed)
       SELECT gen_random_uuid(), (SELECT id FROM tenant), name, name_key, name_skeleton, description, permissions, is_managed
       FROM roles WHERE tenant_id = $3 AND is_managed),
     namespaces AS (INSERT INTO namespaces (tenant_id, name) SELECT (SELECT id FROM tenant), name FROM namespaces WHERE tenant_id = $3)
     INSERT INTO tenant_access (tenant_id, user_id)
     SELECT (SELECT id FROM tenant), user_id FROM tenant_access a JOIN users u ON u.id = a.user_id WHERE a.tenant_id = $3 AND u.super_admin`,
    [id, name, "main"],
  );
}
