import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layering rules of eslint.config.mjs (docs/architecture.md § Lint rules) fail on a violation: each case lints a
// one-line file at a path where the import is forbidden, and again where it is allowed.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("layering lint rules", () => {
  it.each([
    ["app/[tenant]/admin/iam/users/(list)/page.tsx", 'import { db } from "@/lib/db/client";\nexport const x = db;\n', "never the database client"],
    ["components/user-menu.tsx", 'import type { Tx } from "@/lib/db/types";\nexport type X = Tx;\n', "never the database client"],
    ["app/[tenant]/admin/iam/users/[userId]/page.tsx", 'import { roleOptions } from "@/lib/iam/picker-options";\nexport const x = roleOptions;\n', "does not authorize"],
    ["lib/iam/groups/group-reads.ts", 'import { cache } from "react";\nexport const x = cache;\n', "no Next.js, React or Auth.js"],
    ["lib/iam/roles/role-writes.ts", 'import { redirect } from "next/navigation";\nexport const x = redirect;\n', "no Next.js, React or Auth.js"],
    ["lib/iam/users/user-detail.ts", 'import type { TenantActor } from "@/lib/auth/tenant-actor";\nexport type X = TenantActor;\n', "never depends on lib/auth"],
    ["lib/iam/invitations/create-invitation.ts", 'import { toFailure } from "@/lib/actions/run-action";\nexport const x = toFailure;\n', "knows nothing of server actions"],
  ])("%s: %s is refused", async (filePath, code, reason) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ["lib/iam/groups/group-reads.ts", 'import { db } from "@/lib/db/client";\nexport const x = db;\n'],
    ["lib/auth/tenant-actor.ts", 'import { cache } from "react";\nexport const x = cache;\n'],
    ["app/[tenant]/admin/iam/users/[userId]/hostile-users.security.test.ts", 'import { db } from "@/lib/db/client";\nexport const x = db;\n'],
  ])("%s may import what it needs", async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
