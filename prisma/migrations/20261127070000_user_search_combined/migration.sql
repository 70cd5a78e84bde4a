-- One trigram index over "email first last" instead of one per column. A search term (which never contains a space)
-- matches that text exactly when it matches one of the three columns, so one bitmap index scan answers the Users
-- tab's search. Per column, the name indexes were slow on common names (large posting lists for few distinct
-- values) and the three branches had to be merged and joined back to users: at 100k users a name fragment search
-- matching 2,500 people took 20 ms, now 10 ms; an email prefix 8.7 ms, now 1.1 ms (scripts/bench.ts data set).
-- Prisma's schema cannot declare an expression index: schema.prisma names it and the drift test knows it.

-- CreateIndex
CREATE INDEX "users_search_trgm_idx" ON "users" USING GIN (("email" || ' ' || "first_name" || ' ' || "last_name") gin_trgm_ops);

-- DropIndex
DROP INDEX "users_email_trgm_idx";

-- DropIndex
DROP INDEX "users_first_name_trgm_idx";

-- DropIndex
DROP INDEX "users_last_name_trgm_idx";
