import type { Prisma } from "@/lib/generated/prisma/client";
import { nameKeys } from "./look-alikes";

// Start-up keeps every group's and role's look-alike keys (look-alikes.ts) those of its current name. SQL cannot
// compute them, so the migration that added them left older rows without; rows written in SQL (scripts, fixtures)
// have none either, and a newer copy of the confusables data changes some keys. Framework-free: the seed runs it.

type Table = "groups" | "roles";

interface Row {
  id: string;
  tenant_id: string;
  name: string;
  name_key: string | null;
  name_skeleton: string | null;
}

interface Change {
  id: string;
  nameKey: string | null;
  nameSkeleton: string | null;
}

const LABEL: Record<Table, string> = { groups: "Group", roles: "Role" };

/**
 * Keys every group and role by its name, in one transaction (the caller's). When two older names look alike only
 * the first keeps the key, managed roles before custom ones and then the oldest: the other stays unkeyed (it still
 * blocks its own name in any case) and is reported, to be renamed by someone who knows which one is genuine.
 * Returns those reports.
 */
export async function rekeyNames(tx: Prisma.TransactionClient): Promise<string[]> {
  const reports: string[] = [];
  for (const table of ["groups", "roles"] as const) {
    let planned = plan(await readRows(tx, table));
    if (planned.changes.length) {
      // Writes to the table wait until this transaction ends, so no name is created or renamed between reading the
      // rows and keying them (another app instance may be serving requests during this one's start). Read again
      // under the lock: the first read only tells whether there is anything to do, which is rare.
      await tx.$executeRawUnsafe(`LOCK TABLE "${table}" IN SHARE ROW EXCLUSIVE MODE`);
      planned = plan(await readRows(tx, table));
      if (planned.changes.length) await write(tx, table, planned.changes);
    }
    // At every start until renamed: an unkeyed look-alike is one that nothing else is checked against.
    for (const [name, kept, tenantId] of planned.clashes) {
      reports.push(`${LABEL[table]} "${name}" in tenant ${tenantId} looks like "${kept}": rename one of them.`);
    }
  }
  return reports;
}

async function readRows(tx: Prisma.TransactionClient, table: Table): Promise<Row[]> {
  const managedFirst = table === "roles" ? "is_managed DESC," : "";
  return tx.$queryRawUnsafe<Row[]>(
    `SELECT id::text, tenant_id, name, name_key, name_skeleton FROM "${table}" ORDER BY tenant_id, ${managedFirst} created_at, id`,
  );
}

/** The keys each row should have, in the order given; a key already claimed in the tenant is left null. */
function plan(rows: readonly Row[]): { changes: Change[]; clashes: [name: string, kept: string, tenantId: string][] } {
  const claimed = new Map<string, string>();
  const changes: Change[] = [];
  const clashes: [string, string, string][] = [];
  for (const row of rows) {
    const wanted = nameKeys(row.name);
    const claim = (kind: string, key: string): string | null => {
      const slot = `${row.tenant_id}\u0000${kind}\u0000${key}`;
      const holder = claimed.get(slot);
      if (holder === undefined) {
        claimed.set(slot, row.name);
        return key;
      }
      if (!clashes.some(([name, kept]) => name === row.name && kept === holder)) clashes.push([row.name, holder, row.tenant_id]);
      return null;
    };
    const nameKey = claim("key", wanted.nameKey);
    const nameSkeleton = claim("skeleton", wanted.nameSkeleton);
    if (nameKey !== row.name_key || nameSkeleton !== row.name_skeleton) changes.push({ id: row.id, nameKey, nameSkeleton });
  }
  return { changes, clashes };
}

/**
 * Two statements: the changed rows' keys are cleared first, since unique indexes are checked row by row and a key
 * may move from one row to another (after a data update); then every new key is free.
 */
async function write(tx: Prisma.TransactionClient, table: Table, changes: Change[]) {
  const ids = changes.map((change) => change.id);
  await tx.$executeRawUnsafe(`UPDATE "${table}" SET name_key = NULL, name_skeleton = NULL WHERE id = ANY($1::uuid[])`, ids);
  await tx.$executeRawUnsafe(
    `UPDATE "${table}" AS t SET name_key = v.name_key, name_skeleton = v.name_skeleton
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, name_key, name_skeleton) WHERE t.id = v.id`,
    ids,
    changes.map((change) => change.nameKey),
    changes.map((change) => change.nameSkeleton),
  );
}
