import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 downloads a native schema engine before every CLI command and that host is unreachable here
// (see docs/architecture.md § Database). `prisma generate` never executes it, so a stub is enough when no real engine is present.
function hasInstalledSchemaEngine(): boolean {
  const dir = path.join(import.meta.dirname, "node_modules", "@prisma", "engines");
  return existsSync(dir) && readdirSync(dir).some((name) => name.startsWith("schema-engine"));
}

if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasInstalledSchemaEngine()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(import.meta.dirname, "prisma", "engine-stub.sh");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/iam_console" },
});
