import "server-only";
import { decodeCursor as decodeKeyset, encodeCursor as encodeKeyset } from "@/lib/pagination/cursor";
import { z } from "zod";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import { sqlTimestamp } from "@/lib/db/sql-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ResourceType } from "@/lib/iam/audit/write-audit";
import { describeAuditEntry, joinWords, type AuditLink, type AuditSentence } from "@/lib/iam/audit/describe-audit-entry";
import { Forbidden } from "@/lib/iam/errors";
import { readableCondition, readScope } from "@/lib/iam/authz/read-scope";

// The Audit logs page's read model: filters from the URL (validated, never trusted), keyset pagination by
// (created_at DESC, id DESC) so that page 2,000 costs what page 1 does, and a compact diff of before/after.

export const AUDIT_PAGE_SIZE = 50;

/** A Record so that a resource type added to lib/iam/audit/write-audit.ts fails to compile until it gets a label here. */
export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  USER: "User",
  GROUP: "Group",
  ROLE: "Role",
  BINDING: "Binding",
  NAMESPACE: "Namespace",
  TENANT_ACCESS: "Tenant access",
  GROUP_MEMBERSHIP: "Group membership",
  INVITATION: "Invitation",
  SECURITY: "Security",
};
const RESOURCE_TYPES = Object.keys(RESOURCE_TYPE_LABELS) as [ResourceType, ...ResourceType[]];

export interface AuditLogFilters {
  /**
   * "instance": the entries that belong to no tenant (sign-in lockouts and other rate-limit trips, SSO account links),
   * for superadmins only; absent: the tenant's own.
   */
  scope?: "instance";
  resourceType?: ResourceType;
  /** Lower-cased beginning of the actor's email. */
  actor?: string;
  /** UTC days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
}

export interface AuditCursor {
  createdAt: Date;
  id: bigint;
}

export type PageRequest = { direction: "older" | "newer"; cursor: AuditCursor };

export interface AuditLogSearch {
  filters: AuditLogFilters;
  page?: PageRequest;
  /** What was ignored and why, shown above the table. */
  notes: string[];
}

/** The URL's names for the filters and cursors; the form fields use the same names. */
export const SEARCH_PARAMS = { scope: "scope", resourceType: "type", actor: "actor", from: "from", to: "to", older: "before", newer: "after" } as const;

// Year 1 onwards: PostgreSQL has no year 0, and a date it rejects must be ignored here rather than fail the query.
const utcDay = z.iso.date().refine((day) => !day.startsWith("0000"));
const actorPrefix = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s\p{Cc}]+$/u)
  .transform((value) => value.toLowerCase());
const ISO_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_BIGINT = 2n ** 63n - 1n;

/** The audit log's cursor in the one keyset format (lib/pagination/cursor.ts): the last entry's time and id. */
export function encodeCursor(entry: { createdAt: Date; id: bigint }): string {
  return encodeKeyset([entry.createdAt.toISOString(), entry.id.toString()]);
}

/** Anything but a cursor this module wrote (edited, truncated, out of range) decodes to undefined. */
export function decodeCursor(value: string): AuditCursor | undefined {
  const [time, id] = decodeKeyset(value, 2) ?? [];
  if (!time || !id || !ISO_MILLISECONDS.test(time) || time.startsWith("0000") || !/^\d{1,19}$/.test(id)) return undefined;
  const createdAt = new Date(time);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time) return undefined;
  const entryId = BigInt(id);
  if (entryId < 1n || entryId > MAX_BIGINT) return undefined;
  return { createdAt, id: entryId };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads the page's URL. Bad values are dropped with a note, so a hand-edited or stale link never breaks the page.
 * `mayReadInstance`: whether the reader is a superadmin; for anyone else the instance scope is dropped with a note.
 */
export function parseAuditLogSearch(params: SearchParams, { mayReadInstance = false } = {}): AuditLogSearch {
  const read = (name: string) => {
    const value = params[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first?.trim() ? first : undefined;
  };
  const quote = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  const filters: AuditLogFilters = {};
  const notes: string[] = [];

  const scope = read(SEARCH_PARAMS.scope);
  if (scope !== undefined) {
    if (scope !== "instance") notes.push(`The scope ${quote(scope)} is not one this log has, so this tenant's entries are shown.`);
    else if (!mayReadInstance) notes.push("Entries that belong to no tenant are for superadmins, so this tenant's entries are shown.");
    else filters.scope = "instance";
  }
  const type = read(SEARCH_PARAMS.resourceType);
  if (type !== undefined) {
    const parsed = z.enum(RESOURCE_TYPES).safeParse(type);
    if (parsed.success) filters.resourceType = parsed.data;
    else notes.push(`The resource type ${quote(type)} is not one this log records, so it was ignored.`);
  }
  const actor = read(SEARCH_PARAMS.actor);
  if (actor !== undefined) {
    const parsed = actorPrefix.safeParse(actor);
    if (parsed.success) filters.actor = parsed.data;
    else notes.push("The actor filter must be an email or its beginning (at most 254 characters, no spaces), so it was ignored.");
  }
  for (const [key, label] of [["from", "From"], ["to", "To"]] as const) {
    const day = read(SEARCH_PARAMS[key]);
    if (day === undefined) continue;
    if (utcDay.safeParse(day).success) filters[key] = day;
    else notes.push(`${label} ${quote(day)} is not a date (YYYY-MM-DD), so it was ignored.`);
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    notes.push(`To (${filters.to}) is before From (${filters.from}), so it was ignored.`);
    delete filters.to;
  }

  const older = read(SEARCH_PARAMS.older);
  const newer = read(SEARCH_PARAMS.newer);
  const raw = older ?? newer;
  let page: PageRequest | undefined;
  if (raw !== undefined) {
    const cursor = decodeCursor(raw);
    if (cursor) page = { direction: older !== undefined ? "older" : "newer", cursor };
    else notes.push("The page link was not valid, so the newest entries are shown.");
  }
  return { filters, page, notes };
}

/** The query string for a filtered page, in the names parseAuditLogSearch reads. */
export function auditLogSearchParams(filters: AuditLogFilters, page?: { direction: "older" | "newer"; cursor: string }): string {
  const params = new URLSearchParams();
  if (filters.scope) params.set(SEARCH_PARAMS.scope, filters.scope);
  if (filters.resourceType) params.set(SEARCH_PARAMS.resourceType, filters.resourceType);
  if (filters.actor) params.set(SEARCH_PARAMS.actor, filters.actor);
  if (filters.from) params.set(SEARCH_PARAMS.from, filters.from);
  if (filters.to) params.set(SEARCH_PARAMS.to, filters.to);
  if (page) params.set(SEARCH_PARAMS[page.direction], page.cursor);
  return params.toString();
}

export interface FieldChange {
  field: string;
  /** null: the field was absent on that side. */
  before: string | null;
  after: string | null;
}

export interface AuditLogRow {
  id: string;
  resourceType: string;
  resourceId: string;
  action: string;
  actorEmail: string;
  details: string;
  createdAt: Date;
  changes: FieldChange[];
  /** The entry in words (lib/iam/audit/describe-audit-entry.ts), without links to users, groups, roles and namespaces gone since. */
  sentence: AuditSentence;
}

export interface AuditLogPage {
  entries: AuditLogRow[];
  /** Cursors for the "Newer" and "Older" links; absent when there is nothing that way. */
  newer?: string;
  older?: string;
}

/**
 * One page of the tenant's audit log, newest first. Needs AUDITLOG:READ somewhere in the tenant; with it on namespaces
 * only, the page holds the entries confined to them (lib/iam/authz/read-scope.ts), never a tenant-wide one. The instance
 * scope (entries of no tenant) needs a superadmin. SQL rather than Prisma's query builder, which cannot express the
 * namespace scope; the keyset conditions are row comparisons that the (tenant_id, created_at, id) indexes serve.
 */
export async function queryAuditLogs(actor: TenantActor, filters: AuditLogFilters, page?: PageRequest): Promise<AuditLogPage> {
  const scope = readScope(actor.principal, "AUDITLOG", actor.tenantId);
  if (!scope) throw new Forbidden("You need the AUDITLOG:READ permission to read the audit log.");
  if (filters.scope === "instance" && !actor.isSuperAdmin) {
    throw new Forbidden("Only superadmins can read the entries that belong to no tenant.");
  }
  // IS NULL for the instance scope: the (tenant_id, created_at, id) index holds those rows too.
  const where = filterConditions(filters.scope === "instance" ? null : actor.tenantId, filters);
  const readable = readableCondition(scope, Prisma.raw("namespaces"));
  if (readable) where.push(readable);
  const { records, newer, older } = await selectPage(where, page);
  const entries = records.map(toRow);
  await unlinkGone(entries, actor.tenantId);
  return { entries, newer, older };
}

async function selectPage(where: Prisma.Sql[], page?: PageRequest): Promise<{ records: AuditLogRecord[]; newer?: string; older?: string }> {
  const take = AUDIT_PAGE_SIZE + 1;
  if (page?.direction === "newer") {
    // Walk up from the cursor, then show that slice newest first. Near the top this is simply the first page.
    const rows = await selectEntries([...where, Prisma.sql`(created_at, id) > ${cursorRow(page.cursor)}`], "ASC", take);
    if (rows.length === take) {
      const records = rows.slice(0, AUDIT_PAGE_SIZE).reverse();
      return { records, newer: encodeCursor(records[0]), older: encodeCursor(records.at(-1)!) };
    }
    return selectPage(where);
  }

  const cursor = page?.cursor;
  const rows = await selectEntries(cursor ? [...where, Prisma.sql`(created_at, id) < ${cursorRow(cursor)}`] : where, "DESC", take);
  // A cursor past the end only comes from an edited link: start over rather than show an empty page.
  if (cursor && rows.length === 0) return selectPage(where);
  const records = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    records,
    newer: cursor && records.length ? encodeCursor(records[0]) : undefined,
    older: rows.length === take ? encodeCursor(records.at(-1)!) : undefined,
  };
}

type CheckedLink = Extract<AuditLink, { kind: "user" | "group" | "role" | "namespace" }>;
const isChecked = (link: AuditLink | undefined): link is CheckedLink =>
  link?.kind === "user" || link?.kind === "group" || link?.kind === "role" || link?.kind === "namespace";
const keyOf = (link: CheckedLink) => (link.kind === "namespace" ? link.name : link.id.toLowerCase());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Drops the links of a page's sentences to users, groups, roles and namespaces that are no longer this tenant's (deleted,
 * or a user without access here), which would lead to a 404: one set-based query for the whole page. A user counts as
 * this tenant's through tenant_access, the test their page makes.
 */
async function unlinkGone(entries: AuditLogRow[], tenantId: string): Promise<void> {
  const wanted = { user: new Set<string>(), group: new Set<string>(), role: new Set<string>(), namespace: new Set<string>() };
  for (const { link } of entries.flatMap((entry) => entry.sentence)) if (isChecked(link)) wanted[link.kind].add(keyOf(link));
  // Ids come from the entries' text and are not always uuids (older formats, entries written by hand): those match nothing.
  const uuids = (keys: Set<string>) => [...keys].filter((key) => UUID.test(key));
  const [users, groups, roles, namespaces] = [uuids(wanted.user), uuids(wanted.group), uuids(wanted.role), [...wanted.namespace]];
  const existing = new Set<string>();
  if (users.length + groups.length + roles.length + namespaces.length > 0) {
    const rows = await db().$queryRaw<{ kind: CheckedLink["kind"]; key: string }[]>`
      SELECT 'user' AS kind, user_id::text AS key FROM tenant_access WHERE tenant_id = ${tenantId} AND user_id = ANY(${users}::uuid[])
      UNION ALL SELECT 'group', id::text FROM groups WHERE tenant_id = ${tenantId} AND id = ANY(${groups}::uuid[])
      UNION ALL SELECT 'role', id::text FROM roles WHERE tenant_id = ${tenantId} AND id = ANY(${roles}::uuid[])
      UNION ALL SELECT 'namespace', name FROM namespaces WHERE tenant_id = ${tenantId} AND name = ANY(${namespaces}::text[])`;
    for (const row of rows) existing.add(`${row.kind}:${row.key}`);
  }
  for (const entry of entries) {
    entry.sentence = joinWords(entry.sentence.map((part) => (isChecked(part.link) && !existing.has(`${part.link.kind}:${keyOf(part.link)}`) ? { text: part.text } : part)));
  }
}

interface AuditLogRecord {
  id: bigint;
  resourceType: string;
  resourceId: string;
  action: string;
  actorId: string | null;
  actorEmail: string;
  details: string;
  before: Prisma.JsonValue | null;
  after: Prisma.JsonValue | null;
  createdAt: Date;
}

function selectEntries(where: Prisma.Sql[], direction: "ASC" | "DESC", take: number): Promise<AuditLogRecord[]> {
  const order = Prisma.raw(`created_at ${direction}, id ${direction}`);
  return db().$queryRaw<AuditLogRecord[]>`
    SELECT id, resource_type AS "resourceType", resource_id AS "resourceId", action, actor_id::text AS "actorId", actor_email AS "actorEmail", details,
           before, after, created_at AS "createdAt"
    FROM audit_logs
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${take}`;
}

const timestamp = (date: Date) => Prisma.sql`${sqlTimestamp(date)}::timestamp(3)`;
const cursorRow = (cursor: AuditCursor) => Prisma.sql`(${timestamp(cursor.createdAt)}, ${cursor.id.toString()}::bigint)`;

function filterConditions(tenantId: string | null, filters: AuditLogFilters): Prisma.Sql[] {
  const where = [tenantId === null ? Prisma.sql`tenant_id IS NULL` : Prisma.sql`tenant_id = ${tenantId}`];
  if (filters.resourceType) where.push(Prisma.sql`resource_type = ${filters.resourceType}`);
  // Actor emails are stored lower-cased (users.email has a CHECK, and "system"), so a lower-cased LIKE prefix is
  // case-insensitive and, unlike ILIKE, can use a text_pattern_ops index. Wildcards in the input match literally.
  if (filters.actor) where.push(Prisma.sql`actor_email LIKE ${`${escapeLike(filters.actor.toLowerCase())}%`}`);
  if (filters.from) where.push(Prisma.sql`created_at >= ${timestamp(new Date(`${filters.from}T00:00:00.000Z`))}`);
  // Inclusive end of the day at the column's millisecond precision (the day after 9999-12-31 has no ISO form).
  if (filters.to) where.push(Prisma.sql`created_at <= ${timestamp(new Date(`${filters.to}T23:59:59.999Z`))}`);
  return where;
}

function toRow(entry: AuditLogRecord): AuditLogRow {
  return {
    id: entry.id.toString(),
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    action: entry.action,
    actorEmail: entry.actorEmail,
    details: entry.details,
    createdAt: entry.createdAt,
    changes: diffChanges(entry.before, entry.after),
    sentence: describeAuditEntry(entry),
  };
}

type Json = Prisma.JsonValue;

/** Top-level fields that differ between before and after; anything that is not an object is one "value" field. */
export function diffChanges(before: Json | null, after: Json | null): FieldChange[] {
  if (before === null && after === null) return [];
  const [old, now] = [before ?? {}, after ?? {}];
  if (isObject(old) && isObject(now)) {
    const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
    return fields.flatMap((field) => change(field, old[field], now[field]));
  }
  return change("value", before ?? undefined, after ?? undefined);
}

function change(field: string, before: Json | undefined, after: Json | undefined): FieldChange[] {
  if (same(before, after)) return [];
  return [{ field, before: render(before), after: render(after) }];
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function isObject(value: Json): value is Prisma.JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function render(value: Json | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(canonical(value));
}

/** Key order must not make two equal values look different. */
function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key] ?? null)]));
  return value;
}
