import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { parseAuditLogSearch, queryAuditLogs } from "@/lib/iam/audit/query-audit-logs";
import { listGroupMembers } from "@/lib/iam/groups/list-group-members";
import { listGroups } from "@/lib/iam/groups/group-reads";
import { listInvitationPage } from "@/lib/iam/invitations/list-invitations";
import { groupListFiltersSchema, groupMemberFiltersSchema } from "@/lib/iam/groups/group-schemas";
import { invitationFiltersSchema } from "@/lib/iam/invitations/invitation-schemas";
import { userFiltersSchema } from "@/lib/iam/users/user-filter-schemas";
import { listDirectoryPage } from "@/lib/iam/users/user-directory";
import { firstValues } from "@/lib/pagination/search-params";
import { actorFor } from "@/test/fixtures";
import { buildWorld, controlString, hostileString, type World } from "@/test/hostile";

// The list pages read their filters and cursors from the URL, which anyone can edit. Whatever it holds, a list must
// answer a page (the filter ignored, or the first page), never an error: a NUL in a search once failed the query.
// These call what each page calls, with its parsing, on the real database.

const RUNS = Math.max(20, Math.round((Number(process.env.HOSTILE_RUNS ?? 200) / 200) * 150));

/** Text, with control characters (NUL among them) more often than hostileString alone has them. */
const hostileText = fc.oneof(hostileString, controlString);

/** A cursor-shaped value: base64url of a JSON array of hostile strings (what a tampered cursor decodes to), or any string. */
const hostileCursor = fc.oneof(
  fc.array(fc.oneof(hostileText.filter((text) => text.length < 2000), fc.constant(null)), { minLength: 1, maxLength: 3 }).map((values) => Buffer.from(JSON.stringify(values)).toString("base64url")),
  hostileText,
);

/** Search params as Next hands them to a page: each key absent, one value or repeated. */
const paramsOf = (keys: Record<string, fc.Arbitrary<string>>) =>
  fc.record(
    Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 2 }))])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string | string[]>>;

let world: World;
let admin: TenantActor;
let superadmin: TenantActor;
beforeAll(async () => {
  world = await buildWorld();
  admin = await actorFor(world.users.admin, world.tenantId);
  superadmin = await actorFor(world.users.superadmin, world.tenantId);
}, 60_000);

async function everyAnswers(params: fc.Arbitrary<Record<string, string | string[]>>, list: (params: Record<string, string | string[]>) => Promise<unknown>) {
  await fc.assert(
    fc.asyncProperty(params, async (raw) => {
      await expect(list(raw), JSON.stringify(raw).slice(0, 300)).resolves.toBeDefined();
    }),
    { numRuns: RUNS },
  );
}

describe("list pages under hostile URL state", () => {
  it("the Users tab answers a page for any search, filter, sort and cursor", async () => {
    await everyAnswers(paramsOf({ q: hostileText, status: hostileString, group: hostileString, sort: hostileString, after: hostileCursor, before: hostileCursor }), (raw) =>
      listDirectoryPage(admin, userFiltersSchema.parse(firstValues(raw))),
    );
  });

  it("the Invitations tab answers a page for any search, status and cursor", async () => {
    await everyAnswers(paramsOf({ q: hostileText, status: hostileString, after: hostileCursor }), (raw) =>
      listInvitationPage(admin, invitationFiltersSchema.parse(firstValues(raw))),
    );
  });

  it("the Groups tab answers a page for any search and cursor", async () => {
    await everyAnswers(paramsOf({ q: hostileText, after: hostileCursor, before: hostileCursor }), (raw) =>
      listGroups(admin, groupListFiltersSchema.parse(firstValues(raw))),
    );
  });

  it("a group's members list answers a page for any search and cursor", async () => {
    await everyAnswers(paramsOf({ q: hostileText, after: hostileCursor, before: hostileCursor }), (raw) =>
      listGroupMembers(admin, world.groupId, groupMemberFiltersSchema.parse(firstValues(raw))),
    );
  });

  it("the audit log answers a page for any filter and cursor, to a superadmin and to a tenant admin", async () => {
    const scope = fc.oneof(fc.constant("instance"), hostileString);
    const params = paramsOf({ scope, type: hostileString, actor: hostileText, from: hostileString, to: hostileString, before: hostileCursor, after: hostileCursor });
    await everyAnswers(params, async (raw) => {
      for (const reader of [superadmin, admin]) {
        const { filters, page } = parseAuditLogSearch(raw, { mayReadInstance: reader.isSuperAdmin });
        await queryAuditLogs(reader, filters, page);
      }
      return true;
    });
  });
});
