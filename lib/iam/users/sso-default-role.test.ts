import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant, unique } from "@/test/fixtures";
import { resolveSsoSignIn } from "./sso-sign-in";

// Its own file: configuration is read once per process, and this one sets AUTH_OIDC_DEFAULT_ROLE.
const tenant = unique("sso-default");
process.env.AUTH_OIDC_DEFAULT_ROLE = "Viewer";
process.env.AUTH_OIDC_DEFAULT_TENANT = tenant;
beforeAll(async () => {
  await createTenant(undefined, tenant);
});

describe("resolveSsoSignIn with AUTH_OIDC_DEFAULT_ROLE", () => {
  it("creates an unknown verified user with the default role in the default tenant, audited", async () => {
    const email = `newcomer-${randomUUID().slice(0, 8)}@test.example`;
    const result = await resolveSsoSignIn({ provider: "oidc", subject: randomUUID(), email, isEmailVerified: true, firstName: "New", lastName: "Comer" });
    expect(result.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { bindings: { include: { role: true } }, accesses: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.accesses.map((access) => access.tenantId)).toEqual([tenant]);
    expect(user.bindings.map((binding) => [binding.role.name, binding.namespace])).toEqual([["Viewer", null]]);
    expect(await db().auditLog.count({ where: { tenantId: tenant, resourceId: user.id, action: "CREATE" } })).toBe(1);
  });

  it("still refuses an unverified email", async () => {
    const result = await resolveSsoSignIn({ provider: "oidc", subject: randomUUID(), email: "x@test.example", isEmailVerified: false, firstName: "", lastName: "" });
    expect(result).toEqual({ ok: false, reason: "unverified-email" });
  });
});
