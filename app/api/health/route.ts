import { databaseIsReachable } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  if (await databaseIsReachable()) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return Response.json({ status: "error", reason: "database unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
