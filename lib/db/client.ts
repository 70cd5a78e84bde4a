import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

// One client per process: Next's dev server re-evaluates modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = config().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  }
  // Bounded waits: a stopped or hung server, or a lock held by a migration, fails a request cleanly instead of
  // holding it (and a pool connection) forever. 30 s leaves room for the largest legitimate write, a 500-person invite.
  const adapter = new PrismaPg(
    { connectionString, connectionTimeoutMillis: 5_000, statement_timeout: 30_000, query_timeout: 35_000, keepAlive: true },
    { onPoolError: (error) => console.warn(`[db] pooled connection lost: ${error.message}`) },
  );
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}
