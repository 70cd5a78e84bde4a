import type { DMMF } from "@prisma/client/runtime/client";
import type pg from "pg";

// What lib/db/drift.test.ts compares: the schema Prisma reads from schema.prisma (its DMMF) against what the
// migrations actually built (PostgreSQL's catalog), by Prisma's own mapping rules for PostgreSQL.

export interface Catalog {
  tables: string[];
  columns: { table: string; name: string; type: string; nullable: boolean; default: string | null }[];
  enums: { name: string; values: string[] }[];
  primaryKeys: { table: string; name: string; columns: string[] }[];
  /** Every index but the primary keys'. An expression column is null. */
  indexes: {
    table: string;
    name: string;
    columns: (string | null)[];
    unique: boolean;
    method: string;
    descending: boolean[];
    /** Operator class per column, e.g. gin_trgm_ops. */
    opclasses: string[];
    partial: boolean;
    /** pg_get_indexdef(): how expression and partial indexes are compared (EXPRESSION_INDEXES, PARTIAL_INDEXES). */
    definition?: string;
  }[];
  foreignKeys: {
    table: string;
    name: string;
    columns: string[];
    referencedTable: string;
    referencedColumns: string[];
    /** as Prisma spells referential actions: Cascade, Restrict, NoAction, SetNull, SetDefault */
    onDelete: string;
    onUpdate: string;
  }[];
}

const LEDGER_TABLE = "_prisma_migrations";
/**
 * Indexes on expressions, which schema.prisma cannot declare (it names each in a comment): table → index name →
 * the definition PostgreSQL reports (pg_get_indexdef), so a changed expression is still drift.
 */
export const EXPRESSION_INDEXES: Record<string, Record<string, string>> = {
  users: {
    users_search_trgm_idx:
      "CREATE INDEX users_search_trgm_idx ON public.users USING gin ((((((email || ' '::text) || first_name) || ' '::text) || last_name)) gin_trgm_ops)",
  },
};
/** Partial indexes, which schema.prisma cannot declare either (it names each in a comment), compared alike. */
export const PARTIAL_INDEXES: Record<string, Record<string, string>> = {
  audit_logs: {
    audit_logs_namespaced_idx:
      "CREATE INDEX audit_logs_namespaced_idx ON public.audit_logs USING btree (tenant_id, created_at, id) WHERE (cardinality(namespaces) > 0)",
  },
  invitations: {
    invitations_namespaced_idx:
      "CREATE INDEX invitations_namespaced_idx ON public.invitations USING btree (tenant_id, created_at, id) WHERE (cardinality(namespaces) > 0)",
  },
};
// PostgreSQL's identifier limit, past which Prisma shortens default names (that rule is not reproduced here).
const MAX_IDENTIFIER_LENGTH = 63;

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

// `@db.*` attributes, as format_type() prints the column types Prisma creates for them. Anything else is reported
// as unsupported rather than guessed at.
const NATIVE_TYPES: Record<string, (args: readonly string[]) => string | undefined> = {
  Uuid: () => "uuid",
  Text: () => "text",
  VarChar: ([length]) => (length ? `character varying(${length})` : "character varying"),
  Char: ([length]) => (length ? `character(${length})` : undefined),
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  Boolean: () => "boolean",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Decimal: ([precision, scale]) => (precision ? `numeric(${precision},${scale ?? 0})` : undefined),
  Timestamp: ([precision]) => (precision ? `timestamp(${precision}) without time zone` : undefined),
  Timestamptz: ([precision]) => (precision ? `timestamp(${precision}) with time zone` : undefined),
  Date: () => "date",
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
};

// Prisma's referential actions when a relation names none (Prisma docs, "Referential actions").
const defaultOnDelete = (relation: DMMF.Field) => (relation.isRequired ? "Restrict" : "SetNull");
const DEFAULT_ON_UPDATE = "Cascade";

export async function readCatalog(client: pg.Client): Promise<Catalog> {
  const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  const inSchema = `n.nspname = current_schema()`;

  const tables = await rows<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inSchema} AND c.relkind IN ('r', 'p') ORDER BY 1`);

  const columns = await rows<Catalog["columns"][number]>(`
    SELECT c.relname AS table, a.attname AS name, NOT a.attnotnull AS nullable,
      pg_get_expr(d.adbin, d.adrelid) AS default,
      CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname
           WHEN e.typtype = 'e' THEN 'enum ' || e.typname || '[]'
           ELSE format_type(a.atttypid, a.atttypmod) END AS type
    FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE ${inSchema} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);

  const enums = await rows<Catalog["enums"][number]>(`
    SELECT t.typname AS name, array_agg(v.enumlabel::text ORDER BY v.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum v ON v.enumtypid = t.oid
    WHERE ${inSchema} GROUP BY t.typname ORDER BY 1`);

  const primaryKeys = await rows<Catalog["primaryKeys"][number]>(`
    SELECT c.relname AS table, k.conname AS name,
      array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i) AS columns
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inSchema} AND k.contype = 'p' ORDER BY 1`);

  const indexes = await rows<Catalog["indexes"][number]>(`
    SELECT c.relname AS table, i.relname AS name, x.indisunique AS unique, am.amname AS method,
      x.indpred IS NOT NULL AS partial, pg_get_indexdef(x.indexrelid) AS definition,
      array(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(attnum, i)
            LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum ORDER BY u.i) AS columns,
      array(SELECT (u.option & 1) = 1 FROM unnest(x.indoption::int2[]) WITH ORDINALITY u(option, i)
            ORDER BY u.i) AS descending,
      array(SELECT oc.opcname::text FROM unnest(x.indclass::oid[]) WITH ORDINALITY u(oid, i)
            JOIN pg_opclass oc ON oc.oid = u.oid ORDER BY u.i) AS opclasses
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
      JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inSchema} AND NOT x.indisprimary ORDER BY 1, 2`);

  const action = (column: string) => `CASE ${column} WHEN 'a' THEN 'NoAction' WHEN 'r' THEN 'Restrict'
    WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'd' THEN 'SetDefault' END`;
  const foreignKeys = await rows<Catalog["foreignKeys"][number]>(`
    SELECT c.relname AS table, k.conname AS name, r.relname AS "referencedTable",
      array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i) AS columns,
      array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.i)
        AS "referencedColumns",
      ${action("k.confdeltype")} AS "onDelete", ${action("k.confupdtype")} AS "onUpdate"
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inSchema} AND k.contype = 'f' ORDER BY 1, 2`);

  return { tables: tables.map((table) => table.name), columns, enums, primaryKeys, indexes, foreignKeys };
}

/** Every way the database differs from the DMMF; empty when they agree. */
export function compareSchema(dmmf: Pick<DMMF.Document, "datamodel">, catalog: Catalog): string[] {
  const differences: string[] = [];
  const report = (message: string) => differences.push(message);
  const { models, enums, indexes } = dmmf.datamodel;
  const tableOf = (model: DMMF.Model) => model.dbName ?? model.name;
  const columnOf = (field: DMMF.Field) => field.dbName ?? field.name;
  const enumOf = (name: string) => enums.find((candidate) => candidate.name === name);
  const modelOf = (name: string) => models.find((candidate) => candidate.name === name);
  const fieldOf = (model: DMMF.Model, name: string) => model.fields.find((field) => field.name === name)!;
  const list = (names: readonly (string | null)[]) => `(${names.map((name) => name ?? "<expression>").join(", ")})`;

  for (const enumType of enums) {
    const name = enumType.dbName ?? enumType.name;
    const expected = enumType.values.map((value) => value.dbName ?? value.name);
    const actual = catalog.enums.find((candidate) => candidate.name === name);
    if (!actual) report(`enum ${name} is missing`);
    else if (actual.values.join() !== expected.join()) {
      report(`enum ${name} has values ${list(actual.values)}, expected ${list(expected)}`);
    }
  }
  const enumNames = new Set(enums.map((enumType) => enumType.dbName ?? enumType.name));
  for (const extra of catalog.enums.filter((enumType) => !enumNames.has(enumType.name))) {
    report(`enum ${extra.name} is not in schema.prisma`);
  }

  const tableNames = new Set(models.map(tableOf));
  for (const extra of catalog.tables.filter((table) => !tableNames.has(table) && table !== LEDGER_TABLE)) {
    report(`table ${extra} is not in schema.prisma`);
  }

  for (const model of models) {
    const table = tableOf(model);
    if (!catalog.tables.includes(table)) {
      report(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    const at = (message: string) => report(`${table}: ${message}`);

    const fields = model.fields.filter((field) => field.kind !== "object");
    const actualColumns = catalog.columns.filter((column) => column.table === table);
    for (const field of fields) {
      const column = columnOf(field);
      const actual = actualColumns.find((candidate) => candidate.name === column);
      if (!actual) {
        at(`column ${column} (field ${model.name}.${field.name}) is missing`);
        continue;
      }
      const type = expectedType(field, enumOf);
      if (!type) at(`column ${column}: compareSchema does not know the type of field ${field.name}; teach it`);
      else if (actual.type !== type) at(`column ${column} is ${actual.type}, expected ${type}`);
      // Prisma creates list columns without NOT NULL, whatever the field's arity.
      const nullable = !field.isRequired || field.isList;
      const nullability = (isNullable: boolean) => (isNullable ? "nullable" : "NOT NULL");
      if (actual.nullable !== nullable) {
        at(`column ${column} is ${nullability(actual.nullable)}, expected ${nullability(nullable)}`);
      }
      const defaultValue = expectedDefault(model, field, enumOf);
      if (defaultValue === undefined) at(`column ${column}: compareSchema does not know the default of ${field.name}`);
      else if (normalizeDefault(actual.default) !== defaultValue) {
        at(`column ${column} defaults to ${actual.default ?? "nothing"}, expected ${defaultValue ?? "nothing"}`);
      }
    }
    const columnNames = new Set(fields.map(columnOf));
    for (const extra of actualColumns.filter((column) => !columnNames.has(column.name))) {
      at(`column ${extra.name} is not in schema.prisma`);
    }

    const idFields = model.primaryKey?.fields ?? model.fields.filter((field) => field.isId).map((field) => field.name);
    const primaryKey = catalog.primaryKeys.find((candidate) => candidate.table === table);
    if (idFields.length > 0) {
      const expected = idFields.map((name) => columnOf(fieldOf(model, name)));
      const idIndex = indexes.find((index) => index.model === model.name && index.type === "id");
      const name = idIndex?.dbName ?? defaultName(table, [], "pkey");
      if (!primaryKey) at(`primary key ${list(expected)} is missing`);
      else if (primaryKey.columns.join() !== expected.join()) {
        at(`primary key is ${list(primaryKey.columns)}, expected ${list(expected)}`);
      } else if (name && primaryKey.name !== name) at(`primary key is named ${primaryKey.name}, expected ${name}`);
    } else if (primaryKey) {
      at(`has primary key ${list(primaryKey.columns)}, schema.prisma has none`);
    }

    const matched = new Set<string>();
    for (const index of indexes.filter((candidate) => candidate.model === model.name && candidate.type !== "id")) {
      const columns = index.fields.map((field) => columnOf(fieldOf(model, field.name)));
      const unique = index.type === "unique";
      const what = `${unique ? "unique index" : "index"} ${list(columns)}`;
      if (index.type === "fulltext" || index.fields.some((field) => field.length)) {
        at(`${what}: compareSchema does not support its options; teach it`);
        continue;
      }
      const method = (index.algorithm ?? "BTree").toLowerCase();
      const sameColumns = catalog.indexes.filter(
        (candidate) =>
          candidate.table === table && candidate.unique === unique && candidate.columns.join() === columns.join(),
      );
      // Several indexes may share columns (e.g. one per operator class): prefer the one with the expected name.
      const expectedName = index.dbName ?? defaultName(table, columns, unique ? "key" : "idx");
      const actual =
        sameColumns.find((candidate) => candidate.name === expectedName) ??
        sameColumns.find((candidate) => candidate.method === method) ??
        sameColumns[0];
      if (!actual) {
        at(`${what} is missing`);
        continue;
      }
      matched.add(actual.name);
      const name = expectedName;
      if (name && actual.name !== name) at(`${what} is named ${actual.name}, expected ${name}`);
      if (actual.method !== method) at(`${what} uses ${actual.method}, expected ${method}`);
      const descending = index.fields.map((field) => field.sortOrder === "desc");
      if (actual.descending.join() !== descending.join()) at(`${what} has different sort orders`);
      if (actual.partial) at(`${what} is partial, which schema.prisma does not say`);
      index.fields.forEach((field, position) => {
        if (field.operatorClass && actual.opclasses[position] !== field.operatorClass) {
          at(`${what} uses operator class ${actual.opclasses[position]}, expected ${field.operatorClass}`);
        }
      });
    }
    for (const [kind, declared] of [["expression", EXPRESSION_INDEXES], ["partial", PARTIAL_INDEXES]] as const) {
      for (const [name, definition] of Object.entries(declared[table] ?? {})) {
        const actual = catalog.indexes.find((index) => index.table === table && index.name === name);
        if (!actual) at(`${kind} index ${name} is missing`);
        else if (actual.definition !== definition) at(`${kind} index ${name} is ${actual.definition}, expected ${definition}`);
        matched.add(name);
      }
    }
    for (const extra of catalog.indexes.filter((index) => index.table === table && !matched.has(index.name))) {
      at(`${extra.unique ? "unique index" : "index"} ${extra.name} ${list(extra.columns)} is not in schema.prisma`);
    }

    for (const relation of model.fields.filter((field) => field.kind === "object" && field.isList)) {
      const name = relation.relationName;
      const opposite = modelOf(relation.type)?.fields.find((f) => f.relationName === name && f !== relation);
      if (opposite?.isList) report(`relation ${name} is an implicit many-to-many; teach compareSchema its join table`);
    }

    const matchedKeys = new Set<string>();
    for (const relation of model.fields.filter((field) => field.relationFromFields?.length)) {
      const columns = relation.relationFromFields!.map((name) => columnOf(fieldOf(model, name)));
      const target = modelOf(relation.type)!;
      const referencedTable = tableOf(target);
      const referencedColumns = relation.relationToFields!.map((name) => columnOf(fieldOf(target, name)));
      const what = `foreign key ${list(columns)} (${model.name}.${relation.name})`;
      const actual = catalog.foreignKeys.find(
        (candidate) => candidate.table === table && candidate.columns.join() === columns.join(),
      );
      if (!actual) {
        at(`${what} is missing`);
        continue;
      }
      matchedKeys.add(actual.name);
      if (actual.referencedTable !== referencedTable || actual.referencedColumns.join() !== referencedColumns.join()) {
        const expected = `${referencedTable}${list(referencedColumns)}`;
        at(`${what} references ${actual.referencedTable}${list(actual.referencedColumns)}, expected ${expected}`);
      }
      const onDelete = relation.relationOnDelete ?? defaultOnDelete(relation);
      if (actual.onDelete !== onDelete) at(`${what} has ON DELETE ${actual.onDelete}, expected ${onDelete}`);
      const onUpdate = relation.relationOnUpdate ?? DEFAULT_ON_UPDATE;
      if (actual.onUpdate !== onUpdate) at(`${what} has ON UPDATE ${actual.onUpdate}, expected ${onUpdate}`);
      // The DMMF does not carry @relation(map: ...), so this assumes Prisma's default name.
      const name = defaultName(table, columns, "fkey");
      if (name && actual.name !== name) at(`${what} is named ${actual.name}, expected ${name}`);
    }
    for (const extra of catalog.foreignKeys.filter((key) => key.table === table && !matchedKeys.has(key.name))) {
      at(`foreign key ${extra.name} ${list(extra.columns)} is not in schema.prisma`);
    }
  }
  return [...new Set(differences)];
}

function expectedType(field: DMMF.Field, enumOf: (name: string) => DMMF.DatamodelEnum | undefined) {
  let type: string | undefined;
  if (field.kind === "enum") {
    const enumType = enumOf(field.type);
    type = enumType && `enum ${enumType.dbName ?? enumType.name}`;
  } else if (field.kind === "scalar") {
    type = field.nativeType ? NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) : SCALAR_TYPES[field.type];
  }
  return type && field.isList ? `${type}[]` : type;
}

/** The column default Prisma creates for a field, as normalizeDefault() prints it: null for none. */
function expectedDefault(
  model: DMMF.Model,
  field: DMMF.Field,
  enumOf: (name: string) => DMMF.DatamodelEnum | undefined,
): string | null | undefined {
  const value = field.default;
  if (!field.hasDefaultValue || value === undefined) return null;
  if (typeof value === "object" && !("name" in value)) return value.length === 0 ? "ARRAY[]" : undefined;
  if (typeof value === "object") {
    // uuid(), cuid() and the like are filled in by Prisma Client, not by the database.
    if (["uuid", "cuid", "nanoid", "ulid"].includes(value.name)) return null;
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    // SERIAL/BIGSERIAL, whose sequence PostgreSQL names after the table and column.
    if (value.name === "autoincrement") {
      return `nextval('${model.dbName ?? model.name}_${field.dbName ?? field.name}_seq'::regclass)`;
    }
    return undefined;
  }
  if (field.kind === "enum") {
    const enumValue = enumOf(field.type)?.values.find((candidate) => candidate.name === value);
    return enumValue?.dbName ?? String(value);
  }
  return String(value);
}

/** Strips the casts PostgreSQL adds to literal defaults: `''::text` → ``, `ARRAY[]::text[]` → `ARRAY[]`. */
function normalizeDefault(expression: string | null): string | null {
  if (expression === null) return null;
  const literal = /^'((?:[^']|'')*)'::[^']+$/s.exec(expression);
  if (literal) return literal[1]!.replaceAll("''", "'");
  const array = /^(ARRAY\[.*\])::[^[\]]+\[\]$/s.exec(expression);
  return array ? array[1]! : expression;
}

/** Prisma's default constraint/index name; undefined where Prisma would shorten it, which is not reproduced. */
function defaultName(table: string, columns: string[], suffix: string): string | undefined {
  const name = [table, ...columns, suffix].join("_");
  return name.length <= MAX_IDENTIFIER_LENGTH ? name : undefined;
}
