/**
 * A Date as the literal Prisma stores in TIMESTAMP(3) columns (UTC, no zone), for raw SQL: pass it with a
 * `::timestamp(3)` cast rather than relying on the database's clock and time zone.
 */
export const sqlTimestamp = (date: Date) => date.toISOString().slice(0, 23).replace("T", " ");
