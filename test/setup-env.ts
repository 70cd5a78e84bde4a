import { inject } from "vitest";

// Each worker slot has a database of its own (test/global-setup.ts).
const urls = inject("databaseUrls");
process.env.DATABASE_URL = urls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % urls.length];
process.env.AUTH_SECRET ??= "vitest-auth-secret-long-enough-for-sealing-0123456789";
