import { MigrationError, migrate } from "@/lib/db/migrate";
import { parseConfig } from "@/lib/config";
import { seed, SeedError } from "@/prisma/seed";

// `npm run db:seed`: migrations, then the idempotent seed, against DATABASE_URL (start-up does both by itself).
const config = parseConfig(process.env);
if (!config.DATABASE_URL) {
  console.error("DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/iam npm run db:seed");
  process.exit(1);
}
try {
  await migrate(config.DATABASE_URL);
  const { superadmin } = await seed(config.DATABASE_URL, {
    isProduction: config.NODE_ENV === "production",
    superadminEmail: config.SUPERADMIN_EMAIL,
    superadminPassword: config.SUPERADMIN_PASSWORD,
  });
  if (superadmin) console.log(`First superadmin: ${superadmin.email}${superadmin.generatedPassword ? ` / ${superadmin.generatedPassword}` : ""}`);
  console.log("Seed complete.");
} catch (error) {
  if (error instanceof MigrationError || error instanceof SeedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
