import "server-only";
import { db } from "@/lib/db/client";

/** Whether the database answers a trivial query: the health route's one question. */
export async function databaseIsReachable(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
