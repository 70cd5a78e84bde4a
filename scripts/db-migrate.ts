import { MigrationError, migrate } from "@/lib/db/migrate";

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL. Unlike the app, it never falls back to the
// embedded database, so a missing URL is an error rather than a silent migration of the wrong database.
const databaseUrl = process.env.DATABASE_URL?.trim();
if (!databaseUrl) {
  console.error(
    "DATABASE_URL is not set. Set it to the PostgreSQL URL to migrate, e.g.\n" +
      "  DATABASE_URL=postgresql://user@host:5432/iam_console npm run db:migrate",
  );
  process.exit(1);
}

try {
  await migrate(databaseUrl);
} catch (error) {
  // Its message is written for the operator; a stack trace would only bury it.
  if (error instanceof MigrationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
