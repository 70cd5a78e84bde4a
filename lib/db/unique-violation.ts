import { Prisma } from "@/lib/generated/prisma/client";

/** PostgreSQL refused a row for a unique index (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs a write that a unique index may refuse, and turns that refusal into the caller's error (read after the write's
 * transaction has rolled back, e.g. to name the row that won a race). Any other error passes through.
 */
export async function onUniqueViolation<T>(write: () => Promise<T>, conflict: () => Error | Promise<Error>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw await conflict();
    throw error;
  }
}
