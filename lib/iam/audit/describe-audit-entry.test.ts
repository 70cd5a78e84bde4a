import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeAuditEntry, PHRASED_PAIRS, sentenceText, type AuditLink, type DescribableEntry } from "./describe-audit-entry";

// Each entry below is shaped as its writer shapes it (named beside it); the words expected are the sentence's rule.

const ADA = "3f0c6a52-1111-4a6e-9a52-6a1e0c3f0c6a";
const BOB = "9b2d4f10-2222-4b1c-8d2e-0f1a2b3c4d5e";
const GROUP = "7c1e2d3f-3333-4c5d-9e6f-1a2b3c4d5e6f";
const ROLE = "5a4b3c2d-4444-4e5f-8a9b-0c1d2e3f4a5b";
const INVITATION = "1d2e3f4a-5555-4b6c-9d7e-8f9a0b1c2d3e";
const BINDING = "2e3f4a5b-6666-4c7d-8e9f-0a1b2c3d4e5f";

function entry(fields: Partial<DescribableEntry> & Pick<DescribableEntry, "resourceType" | "action">): DescribableEntry {
  return { resourceId: "r", actorId: ADA, actorEmail: "ada@example.com", details: "", before: null, after: null, ...fields };
}

const words = (fields: Parameters<typeof entry>[0]) => sentenceText(describeAuditEntry(entry(fields)));
const links = (fields: Parameters<typeof entry>[0]) =>
  describeAuditEntry(entry(fields)).flatMap((part) => (part.link ? [[part.text, part.link] as [string, AuditLink]] : []));

describe("describeAuditEntry, one phrase per pair the code base writes", () => {
  it("GROUP: created, renamed, re-described, deleted (lib/iam/groups/group-writes.ts)", () => {
    const created = { resourceType: "GROUP", action: "CREATE", resourceId: GROUP, details: "Created group Data team", after: { name: "Data team", description: "" } };
    expect(words(created)).toBe("ada@example.com created the group Data team");
    expect(links(created)).toEqual([
      ["ada@example.com", { kind: "user", id: ADA }],
      ["the group Data team", { kind: "group", id: GROUP }],
    ]);
    expect(
      words({ resourceType: "GROUP", action: "UPDATE", resourceId: GROUP, before: { name: "Data", description: "" }, after: { name: "Data team", description: "" } }),
    ).toBe("ada@example.com renamed the group Data to Data team");
    expect(
      words({ resourceType: "GROUP", action: "UPDATE", resourceId: GROUP, before: { name: "Data team", description: "" }, after: { name: "Data team", description: "Analysts" } }),
    ).toBe("ada@example.com changed the description of the group Data team");
    const deleted = { resourceType: "GROUP", action: "DELETE", resourceId: GROUP, before: { name: "Data team", description: "", members: ["bob@example.com"], bindings: [] } };
    expect(words(deleted)).toBe("ada@example.com deleted the group Data team");
    expect(links(deleted)[1]).toEqual(["the group Data team", { kind: "group", id: GROUP }]);
  });

  it("GROUP_MEMBERSHIP: added to and removed from a group, both linked (lib/iam/groups/group-memberships.ts)", () => {
    const added = { resourceType: "GROUP_MEMBERSHIP", action: "CREATE", resourceId: `${GROUP}:${BOB}`, after: { group: "Data team", user: "bob@example.com" } };
    expect(words(added)).toBe("ada@example.com added bob@example.com to Data team");
    expect(links(added).slice(1)).toEqual([
      ["bob@example.com", { kind: "user", id: BOB }],
      ["Data team", { kind: "group", id: GROUP }],
    ]);
    expect(words({ resourceType: "GROUP_MEMBERSHIP", action: "DELETE", resourceId: `${GROUP}:${BOB}`, before: { group: "Data team", user: "bob@example.com" } })).toBe(
      "ada@example.com removed bob@example.com from Data team",
    );
  });

  it("ROLE: created, changed, renamed, deleted (lib/iam/roles/role-writes.ts)", () => {
    const permissions = { FLOW: ["READ"] };
    const created = { resourceType: "ROLE", action: "CREATE", resourceId: ROLE, after: { name: "Developer", description: "", permissions } };
    expect(words(created)).toBe("ada@example.com created the role Developer");
    expect(links(created)[1]).toEqual(["the role Developer", { kind: "role", id: ROLE }]);
    const before = { name: "Developer", description: "", permissions };
    expect(words({ resourceType: "ROLE", action: "UPDATE", resourceId: ROLE, before, after: { ...before, permissions: { FLOW: ["READ", "UPDATE"] } } })).toBe(
      "ada@example.com changed the role Developer",
    );
    expect(words({ resourceType: "ROLE", action: "UPDATE", resourceId: ROLE, before, after: { ...before, name: "Developers" } })).toBe(
      "ada@example.com renamed the role Developer to Developers",
    );
    expect(words({ resourceType: "ROLE", action: "DELETE", resourceId: ROLE, before })).toBe("ada@example.com deleted the role Developer");
  });

  it("BINDING: granted to and removed from a user or a group, named from the details (lib/iam/bindings/role-bindings.ts)", () => {
    const toUser = {
      resourceType: "BINDING",
      action: "CREATE",
      resourceId: BINDING,
      details: "Bound Viewer on company.team to user bob@example.com",
      after: { role: "Viewer", namespace: "company.team", subject: "USER", userId: BOB },
    };
    expect(words(toUser)).toBe("ada@example.com granted Viewer on company.team to bob@example.com");
    expect(links(toUser)[1]).toEqual(["bob@example.com", { kind: "user", id: BOB }]);
    const toGroup = {
      resourceType: "BINDING",
      action: "CREATE",
      resourceId: BINDING,
      details: "Bound Developer tenant-wide to group Data team",
      after: { role: "Developer", namespace: null, subject: "GROUP", groupId: GROUP },
    };
    expect(words(toGroup)).toBe("ada@example.com granted Developer tenant-wide to the group Data team");
    expect(links(toGroup)[1]).toEqual(["the group Data team", { kind: "group", id: GROUP }]);
    expect(
      words({
        resourceType: "BINDING",
        action: "DELETE",
        resourceId: BINDING,
        details: "Removed Viewer on company from user bob@example.com",
        before: { role: "Viewer", namespace: "company", subject: "USER", userId: BOB, groupId: null },
      }),
    ).toBe("ada@example.com removed Viewer on company from bob@example.com");
    expect(
      words({
        resourceType: "BINDING",
        action: "DELETE",
        resourceId: BINDING,
        details: "Removed Viewer tenant-wide from group Data team",
        before: { role: "Viewer", namespace: null, subject: "GROUP", userId: null, groupId: GROUP },
      }),
    ).toBe("ada@example.com removed Viewer tenant-wide from the group Data team");
  });

  it("NAMESPACE: added and deleted, leading to the Namespaces tab (lib/iam/namespaces/namespace-registry.ts)", () => {
    const added = { resourceType: "NAMESPACE", action: "CREATE", resourceId: "company.team", details: "Added namespace company.team", after: { name: "company.team" } };
    expect(words(added)).toBe("ada@example.com added the namespace company.team");
    expect(links(added)[1]).toEqual(["company.team", { kind: "namespace", name: "company.team" }]);
    expect(words({ resourceType: "NAMESPACE", action: "DELETE", resourceId: "company.team", before: { name: "company.team" } })).toBe(
      "ada@example.com deleted the namespace company.team",
    );
  });

  it("TENANT_ACCESS: granted to an existing account, removed (create-invitation.ts, user-writes.ts)", () => {
    const granted = {
      resourceType: "TENANT_ACCESS",
      action: "CREATE",
      resourceId: BOB,
      details: "Granted bob@example.com access directly (existing account): Viewer, tenant-wide",
      after: { email: "bob@example.com", access: "Viewer, tenant-wide" },
    };
    expect(words(granted)).toBe("ada@example.com gave bob@example.com access to the tenant: Viewer, tenant-wide");
    expect(links(granted)[1]).toEqual(["bob@example.com", { kind: "user", id: BOB }]);
    expect(
      words({
        resourceType: "TENANT_ACCESS",
        action: "DELETE",
        resourceId: BOB,
        details: "Removed bob@example.com from the tenant (1 group memberships, 0 bindings)",
        before: { email: "bob@example.com", groups: ["Data team"], bindings: [] },
      }),
    ).toBe("ada@example.com removed bob@example.com from the tenant");
  });

  it("INVITATION: invited, resent, revoked, accepted, waiting for two-factor, renewal asked (lib/iam/invitations/*)", () => {
    const invited = {
      resourceType: "INVITATION",
      action: "CREATE",
      resourceId: INVITATION,
      details: "Invited carol@example.com: Viewer, tenant-wide",
      after: { email: "carol@example.com", access: "Viewer, tenant-wide", expiresAt: "2030-01-01T00:00:00.000Z" },
    };
    expect(words(invited)).toBe("ada@example.com invited carol@example.com");
    expect(links(invited)[1]).toEqual(["carol@example.com", { kind: "invitations", email: "carol@example.com" }]);
    expect(
      words({
        resourceType: "INVITATION",
        action: "RESEND",
        resourceId: INVITATION,
        details: "Resent the invitation to carol@example.com with a new link, as they asked",
        before: { expiresAt: "2030-01-01T00:00:00.000Z" },
        after: { expiresAt: "2030-01-08T00:00:00.000Z" },
      }),
    ).toBe("ada@example.com resent the invitation for carol@example.com");
    const revoked = {
      resourceType: "INVITATION",
      action: "REVOKE",
      resourceId: INVITATION,
      details: "Revoked the invitation to carol@example.com (Viewer, tenant-wide)",
      before: { status: "PENDING" },
      after: { status: "REVOKED" },
    };
    expect(words(revoked)).toBe("ada@example.com revoked the invitation for carol@example.com");
    expect(links(revoked)[1]).toEqual(["the invitation for carol@example.com", { kind: "invitations", email: "carol@example.com" }]);
    const byCarol = { actorId: BOB, actorEmail: "carol@example.com" };
    const accepted = {
      ...byCarol,
      resourceType: "INVITATION",
      action: "ACCEPT",
      resourceId: INVITATION,
      details: "carol@example.com accepted with a new account: Viewer, tenant-wide",
      before: { status: "PENDING" },
      after: { status: "ACCEPTED", access: "Viewer, tenant-wide" },
    };
    expect(words(accepted)).toBe("carol@example.com accepted the invitation");
    expect(links(accepted)[1]).toEqual(["the invitation", { kind: "invitations", email: "carol@example.com" }]);
    expect(
      words({
        ...byCarol,
        resourceType: "INVITATION",
        action: "UPDATE",
        resourceId: INVITATION,
        details: "carol@example.com accepted; the access is granted once they set up two-factor authentication",
        after: { status: "PENDING", awaiting: "two-factor authentication" },
      }),
    ).toBe("carol@example.com accepted the invitation; the access waits for their two-factor authentication");
    const renewal = {
      actorId: null,
      actorEmail: "system",
      resourceType: "INVITATION",
      action: "UPDATE",
      resourceId: INVITATION,
      details: "Renewal requested: carol@example.com asked for a new link to their expired invitation; ada@example.com was told",
      after: { renewalRequestedAt: "2030-01-09T00:00:00.000Z", notified: ["ada@example.com"] },
    };
    expect(words(renewal)).toBe("carol@example.com asked for a new link to their expired invitation");
    expect(links(renewal)).toEqual([["carol@example.com", { kind: "invitations", email: "carol@example.com" }]]);
  });

  it("USER/CREATE: by an admin, at the first SSO sign-in, by the seed (create-user.ts, sso-sign-in.ts, prisma/seed.ts)", () => {
    const direct = {
      resourceType: "USER",
      action: "CREATE",
      resourceId: BOB,
      details: "Created bob@example.com directly (Tenant access only; one-time password)",
      after: { email: "bob@example.com", access: "Tenant access only", signIn: "password" },
    };
    expect(words(direct)).toBe("ada@example.com created the user bob@example.com");
    expect(links(direct)[1]).toEqual(["the user bob@example.com", { kind: "user", id: BOB }]);
    expect(
      words({
        resourceType: "USER",
        action: "CREATE",
        resourceId: BOB,
        actorId: BOB,
        actorEmail: "bob@example.com",
        details: "Created bob@example.com at first SSO sign-in with the default role Viewer (AUTH_OIDC_DEFAULT_ROLE)",
        after: { email: "bob@example.com", role: "Viewer", tenant: "main" },
      }),
    ).toBe("bob@example.com joined through single sign-on with the role Viewer");
    expect(
      words({
        resourceType: "USER",
        action: "CREATE",
        resourceId: ADA,
        actorId: null,
        actorEmail: "system",
        details: "First superadmin ada@example.com created at start-up",
        after: { email: "ada@example.com", superAdmin: true },
      }),
    ).toBe("ada@example.com was created as a superadmin");
  });

  it("USER/UPDATE: an admin's changes, recorded in before/after (lib/iam/users/user-writes.ts)", () => {
    const user = { resourceType: "USER", action: "UPDATE", resourceId: BOB };
    expect(words({ ...user, details: "Disabled bob@example.com", before: { disabled: false }, after: { disabled: true } })).toBe("ada@example.com disabled bob@example.com");
    expect(words({ ...user, details: "Enabled bob@example.com", before: { disabled: true }, after: { disabled: false } })).toBe("ada@example.com enabled bob@example.com");
    expect(words({ ...user, details: "Granted superadmin to bob@example.com", before: { superAdmin: false }, after: { superAdmin: true } })).toBe(
      "ada@example.com made bob@example.com a superadmin",
    );
    expect(words({ ...user, details: "Removed superadmin from bob@example.com", before: { superAdmin: true }, after: { superAdmin: false } })).toBe(
      "ada@example.com removed superadmin from bob@example.com",
    );
    const renamed = { ...user, details: "Renamed bob@example.com", before: { firstName: "Bob", lastName: "" }, after: { firstName: "Robert", lastName: "Smith" } };
    expect(words(renamed)).toBe("ada@example.com renamed bob@example.com to Robert Smith");
    expect(links(renamed)[1]).toEqual(["bob@example.com", { kind: "user", id: BOB }]);
    expect(
      words({ ...user, details: "Reset two-factor authentication of bob@example.com (2 factors removed, 1 sessions ended)", before: { factors: 2 }, after: { factors: 0 } }),
    ).toBe("ada@example.com reset the two-factor authentication of bob@example.com");
    expect(words({ ...user, details: "Unlocked bob@example.com after 10 failed sign-ins", before: { lockedUntil: "2030-01-01T00:15:00.000Z" } })).toBe(
      "ada@example.com unlocked sign-in for bob@example.com",
    );
  });

  it("USER/UPDATE: the changes recorded only in the details, whose words the page shows beside the sentence", () => {
    const user = { resourceType: "USER", action: "UPDATE", resourceId: BOB };
    expect(words({ ...user, details: "Signed bob@example.com out everywhere (3 sessions)" })).toBe("ada@example.com changed the account of bob@example.com");
    expect(words({ ...user, details: "Emailed a password reset link to bob@example.com" })).toBe("ada@example.com changed the account of bob@example.com");
    const system = { ...user, actorId: null, actorEmail: "system", details: "Password reset link emailed to bob@example.com at their request" };
    expect(words(system)).toBe("The account of bob@example.com was changed");
    expect(links(system)).toEqual([["bob@example.com", { kind: "user", id: BOB }]]);
  });

  it("USER/UPDATE: one's own account (lib/iam/account/*, lib/iam/mfa/*, sso-sign-in.ts)", () => {
    const own = { resourceType: "USER", action: "UPDATE", resourceId: BOB, actorId: BOB, actorEmail: "bob@example.com" };
    expect(words({ ...own, details: "bob@example.com renamed themselves", before: { firstName: "Bob", lastName: "" }, after: { firstName: "Bob", lastName: "Smith" } })).toBe(
      "bob@example.com changed their name to Bob Smith",
    );
    expect(words({ ...own, details: "bob@example.com changed their password (1 other sessions signed out)" })).toBe("bob@example.com changed their account");
    expect(words({ ...own, details: "bob@example.com added a passkey (\"Laptop\")" })).toBe("bob@example.com changed their account");
    expect(words({ ...own, details: "bob@example.com unlinked their oidc sign-in", before: { provider: "oidc" } })).toBe("bob@example.com unlinked their oidc sign-in");
    expect(words({ ...own, details: "Linked oidc account to bob@example.com at first SSO sign-in", after: { provider: "oidc" } })).toBe(
      "bob@example.com linked their oidc account at their first single sign-on",
    );
    // The account deleted since: the entry's actor id is gone (ON DELETE SET NULL), its email still tells it was theirs.
    expect(words({ ...own, actorId: null, details: "bob@example.com changed their password (0 other sessions signed out)" })).toBe("bob@example.com changed their account");
  });

  it("SECURITY: the two-factor policy (tenant-mfa-policy.ts) and every rate limit that trips (lib/security/rate-limits.ts)", () => {
    const policy = { resourceType: "SECURITY", action: "UPDATE", resourceId: "main", details: "Two-factor authentication: required", after: { requireMfa: true } };
    expect(words(policy)).toBe("ada@example.com changed the two-factor authentication policy");
    expect(links(policy)[1]).toEqual(["two-factor authentication policy", { kind: "security" }]);

    const trip = (limit: string, key: string, rule: object, actor: Partial<DescribableEntry> = { actorId: null, actorEmail: "system" }) =>
      words({ ...actor, resourceType: "SECURITY", action: "RATE_LIMIT", resourceId: key, after: { limit, key, ...rule } });
    const lock = { maxFailures: 10, windowSeconds: 900, lockSeconds: 900 };
    const quota = { max: 5, windowSeconds: 3600 };
    expect(trip("sign-in-account", "x@example.com", lock)).toBe("Sign-in locked for x@example.com after 10 failed attempts");
    expect(trip("sign-in-ip", "203.0.113.9", { ...lock, maxFailures: 1 })).toBe("Sign-in blocked from 203.0.113.9 after 1 failed attempt");
    expect(trip("accept-ip", "203.0.113.9", lock)).toBe("Invitation links blocked from 203.0.113.9 after 10 failed attempts");
    expect(trip("invitations", ADA, { ...quota, requested: 7 }, {})).toBe("ada@example.com was refused 7 invitations: at most 5 per hour");
    expect(trip("password-reset-email", "x@example.com", { max: 3, windowSeconds: 7200 })).toBe("Password reset refused for x@example.com: at most 3 per 2 hours");
    expect(trip("password-reset-ip", "203.0.113.9", { max: 20, windowSeconds: 900 })).toBe("Password resets refused from 203.0.113.9: at most 20 per 15 minutes");
    expect(trip("renewal-request-ip", "203.0.113.9", { max: 10, windowSeconds: 86_400 })).toBe("Invitation renewal requests refused from 203.0.113.9: at most 10 per day");
    expect(trip("some-new-limit", "k", {})).toBe("A rate limit was reached for k");
  });
});

describe("describeAuditEntry with little recorded", () => {
  it("falls back to a neutral phrase where a name is missing, and links only what has an id", () => {
    expect(words({ resourceType: "GROUP", action: "DELETE", resourceId: GROUP })).toBe("ada@example.com deleted a group");
    expect(words({ resourceType: "ROLE", action: "UPDATE", resourceId: ROLE })).toBe("ada@example.com changed a role");
    expect(words({ resourceType: "USER", action: "CREATE", resourceId: BOB })).toBe("ada@example.com created a user");
    // An id without its colon: the group part has the id, the user part none, so only the group leads anywhere.
    expect(words({ resourceType: "GROUP_MEMBERSHIP", action: "CREATE", resourceId: "garbage" })).toBe("ada@example.com added a user to a group");
    expect(links({ resourceType: "GROUP_MEMBERSHIP", action: "CREATE", resourceId: "garbage" })).toEqual([
      ["ada@example.com", { kind: "user", id: ADA }],
      ["a group", { kind: "group", id: "garbage" }],
    ]);
    expect(words({ resourceType: "BINDING", action: "CREATE", after: { subject: "GROUP" } })).toBe("ada@example.com granted a role tenant-wide to a group");
    expect(words({ resourceType: "INVITATION", action: "REVOKE" })).toBe("ada@example.com revoked an invitation");
    expect(words({ resourceType: "INVITATION", action: "UPDATE", actorId: null, actorEmail: "system", after: { renewalRequestedAt: "x" } })).toBe(
      "someone asked for a new link to their expired invitation",
    );
    expect(words({ resourceType: "ROLE", action: "CREATE", after: ["not", "an", "object"] })).toBe("ada@example.com created a role");
  });

  it("names an actor whose account is gone by the recorded email, without a link", () => {
    expect(links({ resourceType: "ROLE", action: "CREATE", actorId: null, actorEmail: "gone@example.com", resourceId: ROLE, after: { name: "X" } })).toEqual([
      ["the role X", { kind: "role", id: ROLE }],
    ]);
  });

  it("describes a pair it has no phrase for from its raw fields", () => {
    expect(words({ resourceType: "USER", action: "LOGIN", resourceId: BOB })).toBe(`ada@example.com recorded LOGIN on USER ${BOB}`);
    expect(words({ resourceType: "WIDGET", action: "EXPLODE", resourceId: "w1", actorId: null, actorEmail: "system" })).toBe("Recorded EXPLODE on WIDGET w1");
  });

  it("merges adjacent words into one part", () => {
    const parts = describeAuditEntry(entry({ resourceType: "SECURITY", action: "RATE_LIMIT", actorId: null, actorEmail: "system", after: { limit: "sign-in-ip", key: "k" } }));
    expect(parts).toEqual([{ text: "Sign-in blocked from k" }]);
  });
});

/**
 * Every (resource type, action) pair written anywhere: the object literals that name a resourceType and an action
 * (audit()/auditAll() entries, their helpers such as userEntry and selfEntry, the seed's prisma.auditLog.create).
 * The audit_logs columns are text, not enums; the vocabulary is the unions of write-audit.ts, most of whose 9 × 8
 * combinations no writer produces (a namespace is never ACCEPTed), so the writers, not the product, are the list.
 */
function writtenPairs(): { pairs: Map<string, string>; unreadable: string[] } {
  const root = path.resolve(import.meta.dirname, "../../..");
  const pairs = new Map<string, string>();
  const unreadable: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) return item.name === "generated" || item.name === "node_modules" ? [] : walk(full);
      return /\.tsx?$/.test(item.name) && !/\.test\.tsx?$/.test(item.name) ? [full] : [];
    });
  for (const file of ["lib", "app", "prisma", "scripts"].flatMap((dir) => walk(path.join(root, dir)))) {
    if (file === path.join(import.meta.dirname, "describe-audit-entry.ts")) continue;
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/resourceType:\s*"([A-Z_]+)"/g)) {
      const rest = source.slice(match.index + match[0].length, match.index + 400);
      const literal = rest.split(/resourceType:/)[0];
      const action = /\baction:\s*"([A-Z_]+)"/.exec(literal);
      const where = `${path.relative(root, file)}:${source.slice(0, match.index).split("\n").length}`;
      if (action) pairs.set(`${match[1]}/${action[1]}`, where);
      else unreadable.push(where);
    }
  }
  return { pairs, unreadable };
}

/** The members of a string-literal union declared in write-audit.ts. */
function unionMembers(name: string): string[] {
  const source = readFileSync(path.join(import.meta.dirname, "write-audit.ts"), "utf8");
  const declaration = new RegExp(`export type ${name} =([^;]+);`).exec(source);
  expect(declaration, name).not.toBeNull();
  return [...declaration![1].matchAll(/"([A-Z_]+)"/g)].map((member) => member[1]);
}

describe("the phrase table covers what is written", () => {
  it("has a phrase for every pair a writer in the code base produces", () => {
    const { pairs, unreadable } = writtenPairs();
    // Every writer names its pair with literals, so that this test can read it; a computed one needs a look here.
    expect(unreadable, "resourceType without a literal action next to it").toEqual([]);
    // The scan works: it finds writers of several features, not nothing.
    for (const known of ["GROUP_MEMBERSHIP/CREATE", "USER/UPDATE", "SECURITY/RATE_LIMIT", "INVITATION/ACCEPT", "USER/CREATE"]) expect(pairs.has(known), known).toBe(true);
    const missing = [...pairs].filter(([pair]) => !PHRASED_PAIRS.includes(pair as (typeof PHRASED_PAIRS)[number])).map(([pair, where]) => `${pair} (${where})`);
    expect(missing, "pairs written without a phrase in describe-audit-entry.ts").toEqual([]);
    expect(pairs.size).toBeGreaterThanOrEqual(20);
  });

  it("uses every resource type and every action of the vocabulary, except LOGIN, which nothing writes", () => {
    const types = new Set(PHRASED_PAIRS.map((pair) => pair.split("/")[0]));
    const actions = new Set(PHRASED_PAIRS.map((pair) => pair.split("/")[1]));
    expect(unionMembers("ResourceType").filter((type) => !types.has(type))).toEqual([]);
    expect(unionMembers("AuditAction").filter((action) => !actions.has(action))).toEqual(["LOGIN"]);
    expect([...writtenPairs().pairs.keys()].some((pair) => pair.endsWith("/LOGIN"))).toBe(false);
  });

  it("gives every phrased pair a sentence of its own, not the fallback", () => {
    for (const pair of PHRASED_PAIRS) {
      const [resourceType, action] = pair.split("/");
      expect(words({ resourceType, action }), pair).not.toContain(" recorded ");
      expect(words({ resourceType, action, actorId: null, actorEmail: "system" }), pair).not.toMatch(/^Recorded /);
    }
  });
});
