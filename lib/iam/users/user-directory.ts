import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import { decodeCursor, keysetPage } from "@/lib/pagination/cursor";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { assertCanSomewhere } from "@/lib/iam/authz/assert-can";
import type { HeldRole } from "@/lib/iam/authz/binding-labels";
import { groupOptions } from "@/lib/iam/picker-options";
import { bindingReadScope, bindingsLimitedTo, readableBindingCondition } from "@/lib/iam/users/binding-visibility";
import type { UserFilters, UserSort } from "@/lib/iam/users/user-filter-schemas";

export const USERS_PAGE_SIZE = 25;

/** How many of a user's roles a row of the Users tab shows; the rest is a count ("+4 more"), the user page lists all. */
export const ROLES_SHOWN = 3;

export interface DirectoryUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isSuperAdmin: boolean;
  isDisabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  groups: string[];
  /** The first ROLES_SHOWN roles the reader may see (docs/rules.md § Delegation 10): direct ones first, then via groups. */
  roles: HeldRole[];
  /** How many roles the reader may see in all, direct and through groups. */
  roleCount: number;
  /** Has a confirmed second factor (docs/rules.md § Two-factor authentication 8). */
  hasMfa: boolean;
}

export interface DirectoryPage {
  users: DirectoryUser[];
  /** Set when the reader sees only the roles bound within these namespaces; null: every role. */
  rolesLimitedTo: string[] | null;
  /** Cursors for the neighbouring pages; absent at either end. */
  nextCursor?: string;
  previousCursor?: string;
}

interface SortSpec {
  /** Columns of the keyset, ending with the unique id; each backed by an index (see schema.prisma). */
  columns: string[];
  descending: boolean;
  key: (row: RawUser) => (string | null)[];
}

const SORTS: Record<UserSort, SortSpec> = {
  email: { columns: ["email"], descending: false, key: (row) => [row.email] },
  "-email": { columns: ["email"], descending: true, key: (row) => [row.email] },
  name: { columns: ["last_name", "first_name", "id"], descending: false, key: (row) => [row.last_name, row.first_name, row.id] },
  "-name": { columns: ["last_name", "first_name", "id"], descending: true, key: (row) => [row.last_name, row.first_name, row.id] },
  created: { columns: ["created_at", "id"], descending: false, key: (row) => [row.created_at.toISOString(), row.id] },
  "-created": { columns: ["created_at", "id"], descending: true, key: (row) => [row.created_at.toISOString(), row.id] },
};

interface RawUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  super_admin: boolean;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  groups: string[];
  roles: { role: string; namespace: string | null; group_id: string | null; group_name: string | null }[] | null;
  role_count: number | null;
  has_mfa: boolean;
}

/**
 * One page of a tenant's users: search, filters, sort and keyset pagination in SQL so every page, first or
 * ten-thousandth, costs the same. Written as SQL because keyset conditions need row-value comparisons
 * (`(a, b) > (x, y)`) that Prisma's query builder cannot express and PostgreSQL serves from one index range.
 */
export async function listDirectoryPage(actor: TenantActor, filters: UserFilters): Promise<DirectoryPage> {
  assertCanSomewhere(actor, "USER", "READ");
  const tenantId = actor.tenantId;
  const sort = SORTS[filters.sort];
  const cursor = validCursor(sort, decodeCursor(filters.after ?? filters.before, sort.columns.length));
  // A tampered "before" is no cursor at all: the first page, as for a tampered "after" (not the last page).
  const isBackward = Boolean(cursor) && !filters.after && Boolean(filters.before);
  // Walking backwards reads the same index in the opposite direction, then restores the display order.
  const descending = sort.descending !== isBackward;

  // Without a search, a scalar subquery, not EXISTS: PostgreSQL cannot turn it into a hash join over the whole
  // tenant_access table, so it stays one probe per candidate row, which is what pages of 25 need. With a search,
  // EXISTS: the planner may then walk the sort's index and stop after a page when the term is common (a name fragment
  // matching 2,500 of 100k users: 0.7 ms instead of 10 ms, as the scalar subquery forces probing every match), and
  // still starts from the trigram index when the term is rare.
  const terms = searchTerms(filters.q);
  const conditions: Prisma.Sql[] = [
    terms.length
      ? Prisma.sql`EXISTS (SELECT 1 FROM tenant_access ta WHERE ta.tenant_id = ${tenantId} AND ta.user_id = u.id)`
      : Prisma.sql`(SELECT true FROM tenant_access ta WHERE ta.tenant_id = ${tenantId} AND ta.user_id = u.id)`,
  ];
  conditions.push(...userSearchConditions(terms));
  if (filters.status) conditions.push(Prisma.sql`u.disabled = ${filters.status === "disabled"}`);
  if (filters.mfa) {
    const hasFactor = Prisma.sql`EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL)`;
    conditions.push(filters.mfa === "on" ? hasFactor : Prisma.sql`NOT ${hasFactor}`);
  }
  if (filters.group) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM group_memberships gm JOIN groups g ON g.id = gm.group_id
      WHERE gm.user_id = u.id AND gm.group_id = ${filters.group}::uuid AND g.tenant_id = ${tenantId})`);
  }
  if (cursor) {
    const columns = Prisma.raw(`(${sort.columns.map((column) => `u.${column}`).join(", ")})`);
    const values = Prisma.join(cursor.map((value, index) => castFor(sort.columns[index], value)));
    conditions.push(descending ? Prisma.sql`${columns} < (${values})` : Prisma.sql`${columns} > (${values})`);
  }
  const direction = descending ? "DESC" : "ASC";
  const orderBy = (table: string) => Prisma.raw(sort.columns.map((column) => `${table}.${column} ${direction}`).join(", "));

  // The page's users, then each one's groups, roles and factors: one round trip for the whole page. Of the roles only
  // the first ROLES_SHOWN and the count leave the database (a user in many groups may hold dozens), by one LIMITed
  // subquery whose window count is taken before the LIMIT. Direct bindings by (tenant_id, user_id), a group's by
  // (tenant_id, group_id): two index look-ups joined by UNION ALL, as grantsQuery has it (lib/iam/authz/grants.ts).
  const scope = bindingReadScope(actor);
  const readable = readableBindingCondition(scope, Prisma.sql`b.namespace`);
  const visible = readable ? Prisma.sql`AND ${readable}` : Prisma.empty;
  const rows = await db().$queryRaw<RawUser[]>`
    SELECT p.*,
      ARRAY(SELECT g.name FROM group_memberships gm JOIN groups g ON g.id = gm.group_id AND g.tenant_id = ${tenantId}
            WHERE gm.user_id = p.id) AS groups,
      held.roles, held.role_count,
      EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = p.id AND f.confirmed_at IS NOT NULL) AS has_mfa
    FROM (
      SELECT u.id, u.email, u.first_name, u.last_name, u.super_admin, u.disabled, u.last_login_at, u.created_at
      FROM users u
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY ${orderBy("u")}
      LIMIT ${USERS_PAGE_SIZE + 1}
    ) p
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('role', s.role, 'namespace', s.namespace, 'group_id', s.group_id, 'group_name', s.group_name)
                      ORDER BY s.group_name NULLS FIRST, s.role, s.namespace NULLS FIRST) AS roles,
             max(s.total)::int AS role_count
      FROM (
        SELECT a.*, count(*) OVER () AS total
        FROM (
          SELECT r.name AS role, b.namespace, NULL::uuid AS group_id, NULL::text AS group_name
          FROM bindings b JOIN roles r ON r.id = b.role_id
          WHERE b.tenant_id = ${tenantId} AND b.user_id = p.id ${visible}
          UNION ALL
          SELECT r.name, b.namespace, g.id, g.name
          FROM group_memberships gm
          JOIN groups g ON g.id = gm.group_id AND g.tenant_id = ${tenantId}
          JOIN bindings b ON b.group_id = gm.group_id AND b.tenant_id = ${tenantId}
          JOIN roles r ON r.id = b.role_id
          WHERE gm.user_id = p.id ${visible}
        ) a
        ORDER BY a.group_name NULLS FIRST, a.role, a.namespace NULLS FIRST
        LIMIT ${ROLES_SHOWN}
      ) s
    ) held ON true
    ORDER BY ${orderBy("p")}`;

  const { page, nextCursor, previousCursor } = keysetPage(rows, USERS_PAGE_SIZE, { isBackward, hasCursor: Boolean(cursor) }, sort.key);
  return { users: page.map(toDirectoryUser), rolesLimitedTo: bindingsLimitedTo(scope), nextCursor, previousCursor };
}

/** What the Users tab's filters offer: the tenant's groups. */
export async function directoryFilterOptions(actor: TenantActor): Promise<{ groups: { id: string; name: string }[] }> {
  assertCanSomewhere(actor, "USER", "READ");
  return { groups: await groupOptions(db(), actor.tenantId) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor whose values don't fit the sort's column types is treated as absent (first page), never sent to SQL. */
function validCursor(sort: SortSpec, values: (string | null)[] | undefined) {
  if (!values) return undefined;
  const fits = sort.columns.every((column, index) => {
    const value = values[index];
    if (value === null) return false;
    if (column === "id") return UUID.test(value);
    if (column === "created_at") return !Number.isNaN(Date.parse(value));
    return true;
  });
  return fits ? (values as string[]) : undefined;
}

function castFor(column: string, value: string): Prisma.Sql {
  if (column === "id") return Prisma.sql`${value}::uuid`;
  if (column === "created_at") return Prisma.sql`${value}::timestamp`;
  return Prisma.sql`${value}`;
}

/**
 * Terms separated by whitespace or control characters (PostgreSQL text cannot hold NUL, and no stored email or name has
 * a control character), each of which must match the email, first or last name.
 */
export function searchTerms(query: string | undefined): string[] {
  return (query ?? "").split(/[\s\p{Cc}]+/u).filter(Boolean).slice(0, 5);
}

/**
 * One condition per term on `users u`. Exactly the expression of users_search_trgm_idx (one trigram index over the
 * three columns, see its migration): a term has no spaces, so it matches this text exactly when it matches the email,
 * first or last name. Shared by every user search (the Users tab, the group's "Add member" picker).
 */
export function userSearchConditions(terms: string[]): Prisma.Sql[] {
  return terms.map((term) => Prisma.sql`(u.email || ' ' || u.first_name || ' ' || u.last_name) ILIKE ${`%${escapeLike(term)}%`}`);
}

function toDirectoryUser(row: RawUser): DirectoryUser {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    isSuperAdmin: row.super_admin,
    isDisabled: row.disabled,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    groups: [...row.groups].sort(),
    roles: (row.roles ?? []).map((held) => ({
      role: held.role,
      namespace: held.namespace,
      via: held.group_id && held.group_name !== null ? { id: held.group_id, name: held.group_name } : null,
    })),
    roleCount: row.role_count ?? 0,
    hasMfa: row.has_mfa,
  };
}
