import type { AuditAction, ResourceType } from "@/lib/iam/audit/write-audit";
import { plural } from "@/lib/format";

// An audit entry as a sentence ("ada@example.com added bob@example.com to Data team"), from what the entry itself
// recorded: its actor, resource id, details and before/after. Never from the current rows: a group renamed or
// deleted since must not rewrite what its old entries say. Pure, so the page renders it and tests read its words.

/** Where a part of the sentence leads; the page turns it into a URL, the query drops it when the resource is gone. */
export type AuditLink =
  | { kind: "user"; id: string }
  | { kind: "group"; id: string }
  | { kind: "role"; id: string }
  /** The Invitations tab filtered by the invitee's email. */
  | { kind: "invitations"; email: string }
  | { kind: "namespace"; name: string }
  | { kind: "security" };

export interface SentencePart {
  text: string;
  link?: AuditLink;
}

export type AuditSentence = SentencePart[];

/** The stored fields a sentence is written from (audit_logs' columns). */
export interface DescribableEntry {
  resourceType: string;
  action: string;
  resourceId: string;
  /** Null for the system, and for an actor whose account was deleted since. */
  actorId: string | null;
  actorEmail: string;
  details: string;
  before: unknown;
  after: unknown;
}

type Pair = `${ResourceType}/${AuditAction}`;
type Phrase = (entry: Facts) => AuditSentence;

/**
 * One phrase per (resource type, action) pair the code base writes (describe-audit-entry.test.ts finds every pair in
 * the writers and fails on one missing here). Pairs no longer written stay: their entries are still in the log.
 * LOGIN is in the vocabulary but nothing writes it; an entry of a pair not listed reads as `phraseOfUnknownPair`.
 */
const PHRASES: { [pair in Pair]?: Phrase } = {
  "USER/CREATE": (entry) => {
    const email = entry.text("after", "email") ?? entry.emailInDetails();
    const user = entry.user(entry.resourceId, email);
    if (entry.isSystem) return [user, ...words(entry.bool("after", "superAdmin") ? " was created as a superadmin" : " was created")];
    if (entry.isSelf(email)) {
      const role = entry.text("after", "role");
      return [entry.actor, ...words(" joined through single sign-on"), ...(role ? words(` with the role ${role}`) : [])];
    }
    return [entry.actor, ...words(" created "), entry.user(entry.resourceId, email, "the user ")];
  },
  "USER/UPDATE": describeUserUpdate,
  "GROUP/CREATE": (entry) => [entry.actor, ...words(" created "), entry.group(entry.resourceId, entry.text("after", "name"), "the group ")],
  "GROUP/UPDATE": (entry) => {
    const [old, now] = [entry.text("before", "name"), entry.text("after", "name")];
    if (old && now && old !== now) return [entry.actor, ...words(` renamed the group ${old} to `), entry.group(entry.resourceId, now)];
    return [entry.actor, ...words(" changed the description of "), entry.group(entry.resourceId, now ?? old, "the group ")];
  },
  "GROUP/DELETE": (entry) => [entry.actor, ...words(" deleted "), entry.group(entry.resourceId, entry.text("before", "name"), "the group ")],
  "GROUP_MEMBERSHIP/CREATE": (entry) => {
    const { groupId, userId } = membershipIds(entry.resourceId);
    return [entry.actor, ...words(" added "), entry.user(userId, entry.text("after", "user")), ...words(" to "), entry.group(groupId, entry.text("after", "group"))];
  },
  "GROUP_MEMBERSHIP/DELETE": (entry) => {
    const { groupId, userId } = membershipIds(entry.resourceId);
    return [entry.actor, ...words(" removed "), entry.user(userId, entry.text("before", "user")), ...words(" from "), entry.group(groupId, entry.text("before", "group"))];
  },
  "ROLE/CREATE": (entry) => [entry.actor, ...words(" created "), entry.role(entry.resourceId, entry.text("after", "name"), "the role ")],
  "ROLE/UPDATE": (entry) => {
    const [old, now] = [entry.text("before", "name"), entry.text("after", "name")];
    if (old && now && old !== now) return [entry.actor, ...words(` renamed the role ${old} to `), entry.role(entry.resourceId, now)];
    return [entry.actor, ...words(" changed "), entry.role(entry.resourceId, now ?? old, "the role ")];
  },
  "ROLE/DELETE": (entry) => [entry.actor, ...words(" deleted "), entry.role(entry.resourceId, entry.text("before", "name"), "the role ")],
  "BINDING/CREATE": (entry) => describeBinding(entry, "after", " granted ", " to ", "Bound"),
  "BINDING/DELETE": (entry) => describeBinding(entry, "before", " removed ", " from ", "Removed"),
  "NAMESPACE/CREATE": (entry) => [entry.actor, ...words(" added the namespace "), entry.namespace(entry.text("after", "name") ?? entry.resourceId)],
  "NAMESPACE/DELETE": (entry) => [entry.actor, ...words(" deleted the namespace "), entry.namespace(entry.text("before", "name") ?? entry.resourceId)],
  "TENANT_ACCESS/CREATE": (entry) => {
    const access = entry.text("after", "access");
    const user = entry.user(entry.resourceId, entry.text("after", "email") ?? entry.emailInDetails());
    return [entry.actor, ...words(" gave "), user, ...words(access ? ` access to the tenant: ${access}` : " access to the tenant")];
  },
  "TENANT_ACCESS/DELETE": (entry) => [
    entry.actor,
    ...words(" removed "),
    entry.user(entry.resourceId, entry.text("before", "email") ?? entry.emailInDetails()),
    ...words(" from the tenant"),
  ],
  "INVITATION/CREATE": (entry) => [entry.actor, ...words(" invited "), entry.invitee(entry.text("after", "email") ?? entry.emailInDetails())],
  "INVITATION/UPDATE": (entry) => {
    if (entry.text("after", "awaiting")) {
      return [entry.actor, ...words(" accepted "), entry.theInvitation(entry.emailInDetails() ?? entry.actorEmail), ...words("; the access waits for their two-factor authentication")];
    }
    if (entry.text("after", "renewalRequestedAt")) {
      return [entry.invitee(entry.emailInDetails()), ...words(" asked for a new link to their expired invitation")];
    }
    return [entry.actor, ...words(" changed "), entry.invitation(entry.emailInDetails())];
  },
  "INVITATION/RESEND": (entry) => [entry.actor, ...words(" resent "), entry.invitation(entry.emailInDetails())],
  "INVITATION/REVOKE": (entry) => [entry.actor, ...words(" revoked "), entry.invitation(entry.emailInDetails())],
  "INVITATION/ACCEPT": (entry) => [entry.actor, ...words(" accepted "), entry.theInvitation(entry.emailInDetails() ?? entry.actorEmail)],
  "SECURITY/UPDATE": (entry) => [entry.actor, ...words(" changed the "), { text: "two-factor authentication policy", link: { kind: "security" } }],
  "SECURITY/RATE_LIMIT": describeRateLimit,
};

/** The pairs that have a phrase of their own. */
export const PHRASED_PAIRS = Object.keys(PHRASES) as Pair[];

export function describeAuditEntry(entry: DescribableEntry): AuditSentence {
  const facts = new Facts(entry);
  const phrase = PHRASES[`${entry.resourceType}/${entry.action}` as Pair];
  return joinWords(phrase ? phrase(facts) : phraseOfUnknownPair(facts));
}

/** The words of a sentence, links and all, as one string. */
export function sentenceText(sentence: AuditSentence): string {
  return sentence.map((part) => part.text).join("");
}

function phraseOfUnknownPair(entry: Facts): AuditSentence {
  const what = `${entry.action} on ${entry.resourceType} ${entry.resourceId}`;
  return entry.isSystem ? words(`Recorded ${what}`) : [entry.actor, ...words(` recorded ${what}`)];
}

/**
 * A user's own account, an admin's change to someone's, or the system's. Most of these entries record their change in
 * before/after (a flag, a name, a lock, a provider); the rest (sign-outs, password and second-factor changes) only in
 * their details, which the page shows beside the sentence.
 */
function describeUserUpdate(entry: Facts): AuditSentence {
  const email = entry.text("before", "email") ?? entry.text("after", "email") ?? entry.emailInDetails();
  const self = entry.isSelf(email);
  const target = entry.user(entry.resourceId, email);
  const flag = (name: string) => entry.bool("after", name);
  if (flag("disabled") !== undefined) return [entry.actor, ...words(flag("disabled") ? " disabled " : " enabled "), target];
  if (flag("superAdmin") !== undefined) {
    return flag("superAdmin") ? [entry.actor, ...words(" made "), target, ...words(" a superadmin")] : [entry.actor, ...words(" removed superadmin from "), target];
  }
  if (entry.has("after", "firstName") || entry.has("after", "lastName")) {
    const name = [entry.text("after", "firstName"), entry.text("after", "lastName")].filter(Boolean).join(" ");
    if (self) return [entry.actor, ...words(name ? ` changed their name to ${name}` : " removed their name")];
    return [entry.actor, ...words(" renamed "), target, ...words(name ? ` to ${name}` : "")];
  }
  if (entry.has("after", "factors")) return [entry.actor, ...words(" reset the two-factor authentication of "), target];
  if (entry.has("before", "lockedUntil")) return [entry.actor, ...words(" unlocked sign-in for "), target];
  const linked = entry.text("after", "provider");
  if (linked) return [entry.actor, ...words(` linked their ${linked} account at their first single sign-on`)];
  const unlinked = entry.text("before", "provider");
  if (unlinked) return [entry.actor, ...words(` unlinked their ${unlinked} sign-in`)];
  if (entry.isSystem) return [...words("The account of "), target, ...words(" was changed")];
  if (self) return [entry.actor, ...words(" changed their account")];
  return [entry.actor, ...words(" changed the account of "), target];
}

/**
 * "ada@example.com granted Viewer on company.team to bob@example.com". The subject's id is in before/after; its email
 * or name only in the details, after the words the writer put before it (lib/iam/bindings/role-bindings.ts).
 */
function describeBinding(entry: Facts, side: "before" | "after", verb: string, preposition: string, detailsVerb: string): AuditSentence {
  const role = entry.text(side, "role");
  const namespace = entry.text(side, "namespace");
  const scope = namespace ? `on ${namespace}` : "tenant-wide";
  const label = role ? entry.detailsAfter(`${detailsVerb} ${role} ${scope}${preposition}`) : undefined;
  const subject =
    entry.text(side, "subject") === "GROUP"
      ? entry.group(entry.text(side, "groupId") ?? "", label?.replace(/^group /, ""), "the group ")
      : entry.user(entry.text(side, "userId") ?? "", label?.replace(/^user /, ""));
  return [entry.actor, ...words(`${verb}${role ?? "a role"} ${scope}${preposition}`), subject];
}

/** Rate-limit trips (lib/security/rate-limits.ts): the limit's name and rule are in `after`. */
function describeRateLimit(entry: Facts): AuditSentence {
  const key = entry.text("after", "key") ?? entry.resourceId;
  const failures = entry.number("after", "maxFailures");
  const afterFailures = failures === undefined ? "" : ` after ${plural(failures, "failed attempt")}`;
  const max = entry.number("after", "max");
  const window = entry.number("after", "windowSeconds");
  const quota = max === undefined || window === undefined ? "" : `: at most ${max} per ${duration(window)}`;
  switch (entry.text("after", "limit")) {
    case "sign-in-account":
      return words(`Sign-in locked for ${key}${afterFailures}`);
    case "sign-in-ip":
      return words(`Sign-in blocked from ${key}${afterFailures}`);
    case "accept-ip":
      return words(`Invitation links blocked from ${key}${afterFailures}`);
    case "invitations": {
      const requested = entry.number("after", "requested");
      return [entry.actor, ...words(` was refused ${requested === undefined ? "invitations" : plural(requested, "invitation")}${quota}`)];
    }
    case "password-reset-email":
      return words(`Password reset refused for ${key}${quota}`);
    case "password-reset-ip":
      return words(`Password resets refused from ${key}${quota}`);
    case "renewal-request-ip":
      return words(`Invitation renewal requests refused from ${key}${quota}`);
    default:
      return words(`A rate limit was reached for ${key}`);
  }
}

function duration(seconds: number): string {
  if (seconds === 86_400) return "day";
  if (seconds === 3_600) return "hour";
  if (seconds === 60) return "minute";
  if (seconds % 3_600 === 0) return plural(seconds / 3_600, "hour");
  if (seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

/** A membership's resource id is `${groupId}:${userId}` (lib/iam/groups/group-memberships.ts). */
function membershipIds(resourceId: string): { groupId: string; userId: string } {
  const [groupId = "", userId = ""] = resourceId.split(":");
  return { groupId, userId };
}

const words = (text: string): SentencePart[] => (text ? [{ text }] : []);

/** Adjacent plain parts as one (also after a link is dropped), so a sentence has as few parts as it has links. */
export function joinWords(parts: AuditSentence): AuditSentence {
  const joined: SentencePart[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if (!part.text) continue;
    if (last && !last.link && !part.link) joined[joined.length - 1] = { text: last.text + part.text };
    else joined.push(part);
  }
  return joined;
}

// The first email-like word: how the writers name a person in details ("Resent the invitation to bob@x.test with …").
const EMAIL = /[^\s@()<>[\]"',;:]+@[^\s@()<>[\]"',;:]+/;

/** An entry's fields, read defensively: entries are years old, written by earlier versions, or inserted by hand. */
class Facts {
  readonly resourceType: string;
  readonly action: string;
  readonly resourceId: string;
  readonly actorEmail: string;
  readonly isSystem: boolean;
  readonly actor: SentencePart;

  constructor(private readonly entry: DescribableEntry) {
    this.resourceType = entry.resourceType;
    this.action = entry.action;
    this.resourceId = entry.resourceId;
    this.actorEmail = entry.actorEmail;
    this.isSystem = entry.actorId === null && entry.actorEmail === "system";
    if (this.isSystem) this.actor = { text: "The system" };
    else this.actor = entry.actorId ? { text: entry.actorEmail, link: { kind: "user", id: entry.actorId } } : { text: entry.actorEmail };
  }

  /** Whether the actor acted on their own account (their id, or their email when the account is gone). */
  isSelf(targetEmail: string | undefined): boolean {
    if (this.entry.actorId) return this.entry.actorId === this.entry.resourceId;
    return !this.isSystem && targetEmail === this.entry.actorEmail;
  }

  has(side: "before" | "after", key: string): boolean {
    const object = this.entry[side];
    return typeof object === "object" && object !== null && !Array.isArray(object) && key in object;
  }

  private value(side: "before" | "after", key: string): unknown {
    return this.has(side, key) ? (this.entry[side] as Record<string, unknown>)[key] : undefined;
  }

  text(side: "before" | "after", key: string): string | undefined {
    const value = this.value(side, key);
    return typeof value === "string" && value.trim() ? value : undefined;
  }

  bool(side: "before" | "after", key: string): boolean | undefined {
    const value = this.value(side, key);
    return typeof value === "boolean" ? value : undefined;
  }

  number(side: "before" | "after", key: string): number | undefined {
    const value = this.value(side, key);
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  }

  emailInDetails(): string | undefined {
    return EMAIL.exec(this.entry.details)?.[0].replace(/\.+$/, "");
  }

  /** What the details say after `prefix` up to the end, when they start with it (and say something after it). */
  detailsAfter(prefix: string): string | undefined {
    return this.entry.details.startsWith(prefix) && this.entry.details.length > prefix.length ? this.entry.details.slice(prefix.length) : undefined;
  }

  // `prefix` goes before a recorded name ("the group Data team"); without a name the part is neutral ("a group").

  user(id: string, name: string | undefined, prefix = ""): SentencePart {
    return { text: name ? `${prefix}${name}` : "a user", ...(id ? { link: { kind: "user", id } } : {}) };
  }

  group(id: string, name: string | undefined, prefix = ""): SentencePart {
    return { text: name ? `${prefix}${name}` : "a group", ...(id ? { link: { kind: "group", id } } : {}) };
  }

  role(id: string, name: string | undefined, prefix = ""): SentencePart {
    return { text: name ? `${prefix}${name}` : "a role", ...(id ? { link: { kind: "role", id } } : {}) };
  }

  namespace(name: string): SentencePart {
    return { text: name, link: { kind: "namespace", name } };
  }

  /** The invited person, leading to their invitations. */
  invitee(email: string | undefined): SentencePart {
    return email ? { text: email, link: { kind: "invitations", email } } : { text: "someone" };
  }

  /** "the invitation for bob@example.com", leading to it; "an invitation" when no email was recorded. */
  invitation(email: string | undefined): SentencePart {
    return email ? { text: `the invitation for ${email}`, link: { kind: "invitations", email } } : { text: "an invitation" };
  }

  /** "the invitation", when the sentence's subject is the invitee: "bob@example.com accepted the invitation". */
  theInvitation(email: string): SentencePart {
    return { text: "the invitation", link: { kind: "invitations", email } };
  }
}
