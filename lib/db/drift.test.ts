import path from "node:path";
import type { DMMF } from "@prisma/client/runtime/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "../../test/database";
import { getDMMF } from "../../test/prisma-dmmf";
import { type Catalog, compareSchema, readCatalog } from "../../test/schema-drift";
import { migrate } from "./migrate";

// The migrations are hand-written SQL (`prisma migrate` cannot run here, see docs/architecture.md § Database). This proves that a database
// built by them is the one schema.prisma describes, as Prisma itself reads that file.

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

const dmmf = getDMMF(path.join(import.meta.dirname, "..", "..", "prisma", "schema.prisma"));
let database: { name: string; url: string };
let client: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  database = await createDatabase("iam_drift");
  await migrate(database.url, { log: () => {} });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  catalog = await readCatalog(client);
});

afterAll(async () => {
  await client?.end();
  if (database) await dropDatabase(database.name);
});

/** A copy of the real DMMF with one deliberate change. */
function altered(change: (datamodel: Mutable<DMMF.Datamodel>) => void): DMMF.Document {
  const copy = structuredClone(dmmf) as Mutable<DMMF.Document>;
  change(copy.datamodel);
  return copy as DMMF.Document;
}

const model = (datamodel: Mutable<DMMF.Datamodel>, name: string) => datamodel.models.find((m) => m.name === name)!;
const field = (datamodel: Mutable<DMMF.Datamodel>, modelName: string, name: string) =>
  model(datamodel, modelName).fields.find((f) => f.name === name)!;

describe("migrations vs schema.prisma", () => {
  it("build exactly the tables, columns, enums, keys, indexes and foreign keys of schema.prisma", () => {
    expect(dmmf.datamodel.models.length).toBeGreaterThan(0);
    expect(compareSchema(dmmf, catalog)).toEqual([]);
  });

  it.each<[string, (datamodel: Mutable<DMMF.Datamodel>) => void, string[]]>([
    [
      "a field the migrations lack",
      (dm) => {
        model(dm, "User").fields.push({ ...field(dm, "User", "lastLoginAt"), name: "nickname", dbName: null });
      },
      ["users: column nickname (field User.nickname) is missing"],
    ],
    [
      "another type",
      (dm) => void (field(dm, "Role", "permissions").type = "String"),
      ["roles: column permissions is jsonb, expected text"],
    ],
    [
      "another nullability",
      (dm) => void (field(dm, "User", "passwordHash").isRequired = true),
      ["users: column password_hash is nullable, expected NOT NULL"],
    ],
    [
      "another default",
      (dm) => void (field(dm, "Group", "description").default = "none"),
      ["groups: column description defaults to ''::text, expected none"],
    ],
    [
      "an extra enum value",
      (dm) => void dm.enums.find((e) => e.name === "BindingType")!.values.push({ name: "ROBOT", dbName: null }),
      ["enum BindingType has values (USER, GROUP), expected (USER, GROUP, ROBOT)"],
    ],
    [
      "a model without its table",
      (dm) => void dm.models.push({ ...model(dm, "Namespace"), name: "Folder", dbName: "folders" }),
      ["table folders (model Folder) is missing"],
    ],
    [
      "a table without its model",
      (dm) => void (dm.models = dm.models.filter((m) => m.name !== "AuditLog")),
      ["table audit_logs is not in schema.prisma"],
    ],
    [
      "another primary key",
      (dm) => void (model(dm, "TenantAccess").primaryKey!.fields = ["userId", "tenantId"]),
      ["tenant_access: primary key is (tenant_id, user_id), expected (user_id, tenant_id)"],
    ],
    [
      "an index in another column order",
      (dm) => {
        const index = dm.indexes.find((i) => i.model === "Invitation" && i.fields[1]?.name === "email")!;
        index.fields.reverse();
      },
      [
        "invitations: index (email, tenant_id) is missing",
        "invitations: index invitations_tenant_id_email_idx (tenant_id, email) is not in schema.prisma",
      ],
    ],
    [
      "an index with another operator class",
      (dm) => {
        const index = dm.indexes.find((i) => i.dbName === "invitations_tenant_id_email_prefix_idx")!;
        index.fields[1].operatorClass = "varchar_pattern_ops";
      },
      ["invitations: index (tenant_id, email) uses operator class text_pattern_ops, expected varchar_pattern_ops"],
    ],
    [
      "a unique index that is not unique",
      (dm) => void (dm.indexes.find((i) => i.model === "Invitation" && i.type === "unique")!.type = "normal"),
      [
        "invitations: index (token_hash) is missing",
        "invitations: unique index invitations_token_hash_key (token_hash) is not in schema.prisma",
      ],
    ],
    [
      "another referential action",
      (dm) => void (field(dm, "Binding", "role").relationOnDelete = "Cascade"),
      ["bindings: foreign key (role_id) (Binding.role) has ON DELETE NoAction, expected Cascade"],
    ],
    [
      "the default referential action of an optional relation",
      (dm) => void delete field(dm, "AuditLog", "tenant").relationOnDelete,
      ["audit_logs: foreign key (tenant_id) (AuditLog.tenant) has ON DELETE Cascade, expected SetNull"],
    ],
  ])("reports %s", (_, change, differences) => {
    expect(compareSchema(altered(change), catalog)).toEqual(differences);
  });

  it("reports changes made to the database itself", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`
        ALTER TABLE "tenants" ALTER COLUMN "name" DROP NOT NULL;
        ALTER TABLE "tenants" ADD COLUMN "slug" TEXT;
        CREATE INDEX "users_last_name_idx" ON "users"("last_name");
        ALTER TABLE "bindings" DROP CONSTRAINT "bindings_role_id_fkey";
        ALTER TABLE "bindings" ADD CONSTRAINT "bindings_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id")
          ON DELETE CASCADE ON UPDATE CASCADE;
        CREATE TABLE "leftover" ("id" INTEGER);`);
      expect(compareSchema(dmmf, await readCatalog(client))).toEqual([
        "table leftover is not in schema.prisma",
        "tenants: column name is nullable, expected NOT NULL",
        "tenants: column slug is not in schema.prisma",
        "users: index users_last_name_idx (last_name) is not in schema.prisma",
        "bindings: foreign key (role_id) (Binding.role) has ON DELETE Cascade, expected NoAction",
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("reports an expression index that was dropped or built over another expression", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`DROP INDEX "users_search_trgm_idx"`);
      expect(compareSchema(dmmf, await readCatalog(client))).toEqual(["users: expression index users_search_trgm_idx is missing"]);
      await client.query(`CREATE INDEX "users_search_trgm_idx" ON "users" USING GIN (("email" || ' ' || "last_name") gin_trgm_ops)`);
      expect(compareSchema(dmmf, await readCatalog(client))).toEqual([
        expect.stringMatching(/^users: expression index users_search_trgm_idx is CREATE INDEX .*last_name\)\) gin_trgm_ops\), expected /),
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("reports a partial index that was dropped or whose condition changed", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`DROP INDEX "audit_logs_namespaced_idx"`);
      expect(compareSchema(dmmf, await readCatalog(client))).toEqual(["audit_logs: partial index audit_logs_namespaced_idx is missing"]);
      // Every row in it would make the scoped reader's scan walk the tenant-wide entries too.
      await client.query(`CREATE INDEX "audit_logs_namespaced_idx" ON "audit_logs"("tenant_id", "created_at", "id") WHERE "namespaces" IS NOT NULL`);
      expect(compareSchema(dmmf, await readCatalog(client))).toEqual([
        expect.stringMatching(/^audit_logs: partial index audit_logs_namespaced_idx is CREATE INDEX .* WHERE \(namespaces IS NOT NULL\), expected /),
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
