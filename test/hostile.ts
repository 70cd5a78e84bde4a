import { AsyncLocalStorage } from "node:async_hooks";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { db } from "@/lib/db/client";
import { nameKeys } from "@/lib/iam/names/look-alikes";
import type { SessionActor } from "@/lib/iam/authz/actor";

// Hostile input for property tests (issue "Hardening", item 5). Everything here is what a crafted request can put
// into a server action's arguments: React's reply decoder carries strings, numbers, booleans, null, undefined,
// bigint, Date, arrays, plain objects (own `__proto__` keys included, as JSON.parse makes them), Map, Set and
// FormData — so an action's `input: unknown` may be any of those, whatever its TypeScript signature says.

// ── Strings ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** 10k–200k characters, built by repetition (fast-check's own string arbitraries are far too slow at that size). */
export const hugeString: fc.Arbitrary<string> = fc
  .record({
    length: fc.integer({ min: 10_000, max: 200_000 }),
    unit: fc.constantFrom("a", "é", "𝕏", "\u0000", "<script>", "' OR 1=1 --", "a.", "x@y.test,", "A1!", " ", "\n", "\u202e"),
    prefix: fc.constantFrom("", "valid-", "ok@example.com"),
  })
  .map(({ length, unit, prefix }) => prefix + unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

export const CONTROL_CHARACTERS = [...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)), "\u007f"];

/** A short string with at least one C0 control character or DEL somewhere in it. */
export const controlString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...CONTROL_CHARACTERS), fc.string({ maxLength: 12 }))
  .map(([before, control, after]) => `${before}${control}${after}`);

export const UNICODE_TRICKS = [
  "\u202eevil\u202c", // right-to-left override … pop directional formatting
  "\u202dltr", // left-to-right override
  "\u2066isolate\u2069", // directional isolates
  "adm\u200bin", // zero-width space
  "ad\u200cmi\u200dn", // zero-width non-joiner / joiner
  "\ufeffadmin", // byte-order mark
  "a\u2060b", // word joiner
  "\u00adsoft", // soft hyphen
  "аdmin", // Cyrillic а
  "ΑDMIN", // Greek capital alpha
  "ｐａｙｐａｌ", // full-width letters
  "ℌ𝔢𝔩𝔩𝔬", // mathematical letters
  "e\u0301\u0301\u0301", // stacked combining acute accents
  "Z\u0335\u0321\u032a\u034e\u0349\u0344\u0313\u0342a\u0336l\u0337g\u0338o\u0335", // "zalgo"
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "\u0085\u2028\u2029", // NEL, line and paragraph separators
  "\ufffe\uffff", // non-characters
  "\ue000", // private use
  "👨‍👩‍👧‍👦", // emoji joined by ZWJ
  "İ", // lower-cases to two code units
  "ß", // upper-cases to two letters
  "ﬁ", // ligature
  "\u3000", // ideographic space
];

/** Confusables, bidi overrides, zero-width and combining characters, lone surrogates, mixed with ordinary text. */
export const unicodeTrick: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...UNICODE_TRICKS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""));

/** A sample of confusables.txt to attack with: letters of other scripts (and digits) that look like a Latin one. */
const LOOK_ALIKE_LETTERS: Record<string, readonly string[]> = {
  a: ["а", "ɑ", "α"], c: ["с", "ϲ"], e: ["е"], i: ["і", "ı"], j: ["ј"], l: ["I", "1", "ӏ"], o: ["о", "ο", "0", "օ"],
  p: ["р", "ρ"], s: ["ѕ"], u: ["υ", "ս"], x: ["х"], y: ["у"], A: ["А", "Α", "Ꭺ"], B: ["В", "Β"], C: ["С", "Ϲ"], E: ["Е", "Ε"],
  H: ["Н", "Η"], I: ["І", "Ι", "l", "1"], K: ["К", "Κ"], M: ["М", "Μ"], N: ["Ν"], O: ["О", "Ο", "0"], P: ["Р", "Ρ"],
  S: ["Ѕ"], T: ["Т", "Τ"], X: ["Х", "Χ"], Y: ["Υ", "Ү"], Z: ["Ζ"],
};

const fullWidth = (character: string) => (/^[!-~]$/.test(character) ? String.fromCodePoint(character.codePointAt(0)! + 0xfee0) : character);
const swapCase = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");

/**
 * Names that look like `name` without being it: letters swapped for look-alikes of other scripts or for their
 * full-width forms, the whole name in another case (full-width here and there), or its accents decomposed (NFD).
 */
export function lookAlikeOf(name: string): fc.Arbitrary<string> {
  const eachCharacter = (text: string, options: (character: string) => string[]) =>
    fc.tuple(...[...text].map((character) => fc.constantFrom(...options(character)))).map((parts) => parts.join(""));
  const swapped = eachCharacter(name, (c) => [c, c, fullWidth(c), ...(LOOK_ALIKE_LETTERS[c] ?? [])]);
  const recased = fc
    .constantFrom(name.toUpperCase(), name.toLowerCase(), swapCase(name))
    .chain((recasedName) => eachCharacter(recasedName, (c) => [c, c, c, fullWidth(c)]));
  const decomposed = fc.constant(name.normalize("NFD"));
  return fc.oneof(swapped, recased, decomposed).filter((variant) => variant !== name);
}

export const SQL_PAYLOADS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  "admin'--",
  "'; DROP TABLE users; --",
  "; DROP TABLE users;",
  '"; DROP TABLE "users"; --',
  "1; SELECT pg_sleep(5); --",
  "' UNION SELECT password_hash FROM users --",
  "1' AND (SELECT 1 FROM pg_sleep(3))='1",
  "'::text",
  "$1",
  "%",
  "_",
  "\\",
  "\\'",
  "E'\\x00'",
  "' OR 1=1 --@example.com",
  "x@example.com' OR '1'='1",
];

export const MARKUP_PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "<svg onload=alert(1)>",
  '"><script>alert(1)</script>',
  "</textarea><script>alert(1)</script>",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  '<a href="javascript:alert(1)">x</a>',
  "<iframe src=javascript:alert(1)>",
  "{{constructor.constructor('alert(1)')()}}",
  "${process.exit()}",
  "&lt;script&gt;",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
  "../../../etc/passwd",
];

export const sqlPayload = fc.constantFrom(...SQL_PAYLOADS);
export const markupPayload = fc.constantFrom(...MARKUP_PAYLOADS);

/** Any of the string families above, or a plain or full-Unicode random string. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: controlString, weight: 2 },
  { arbitrary: unicodeTrick, weight: 2 },
  { arbitrary: sqlPayload, weight: 2 },
  { arbitrary: markupPayload, weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom("", " ", "\t\n", "null", "undefined", "NaN", "true", "[]", "{}", "0"), weight: 1 },
);

// ── Wrong types ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Objects whose own keys try prototype pollution or break String(): made by JSON.parse, as a request decoder would. */
export const PROTOTYPE_TRAPS: readonly (() => unknown)[] = [
  () => JSON.parse('{"__proto__": {"isSuperAdmin": true, "ok": true, "polluted": "yes"}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  () => JSON.parse('{"__proto__": null, "name": "x"}'),
  () => ({ toString: "not a function", valueOf: "nor this" }),
  () => ({ toJSON: "x", then: "x" }),
  () => ({ hasOwnProperty: 1, length: 1e9 }),
];

type Nested = null | boolean | number | string | Nested[] | { [key: string]: Nested };
const nestedValue: fc.Arbitrary<Nested> = fc.letrec<{ value: Nested }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** Nesting deep enough to hurt a recursive validator, but not the decoder (which sets its own limits). */
const deeplyNested = fc.integer({ min: 50, max: 500 }).map((depth) => JSON.parse(`${"[".repeat(depth)}1${"]".repeat(depth)}`));

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53 + 2, 1e308, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date(),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => Array.from({ length }, () => "a")),
  nestedValue,
  deeplyNested,
  fc.constantFrom(...PROTOTYPE_TRAPS).map((make) => make()),
  fc.constant(new Map([["name", "x"]])),
  fc.constant(new Set(["a"])),
);

/** One hostile value of any kind. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: hostileString, weight: 3 }, { arbitrary: wrongType, weight: 2 });

// ── Corrupting a valid input ─────────────────────────────────────────────────────────────────────────────────────

type Path = (string | number)[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Every position inside arrays and plain objects, the root included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => pathsOf(item, [...prefix, index]))
    : isPlainObject(value)
      ? Object.keys(value).flatMap((key) => pathsOf(value[key], [...prefix, key]))
      : [];
  return [prefix, ...children];
}

function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepCopy(item)])) as T;
  return value;
}

export type Corruption = { kind: "replace"; path: Path; value: unknown } | { kind: "drop"; path: Path } | { kind: "extra"; path: Path; key: string; value: unknown };

export function applyCorruption(valid: unknown, corruption: Corruption): unknown {
  if (corruption.path.length === 0 && corruption.kind === "replace") return corruption.value;
  const copy = deepCopy(valid);
  const target = corruption.kind === "extra" ? corruption.path : corruption.path.slice(0, -1);
  let parent: unknown = copy;
  for (const step of target) parent = (parent as Record<string | number, unknown>)[step];
  if (corruption.kind === "extra") {
    if (isPlainObject(parent)) Object.defineProperty(parent, corruption.key, { value: corruption.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(parent)) parent.push(corruption.value);
    return copy;
  }
  const key = corruption.path.at(-1)!;
  if (corruption.kind === "replace") (parent as Record<string | number, unknown>)[key] = corruption.value;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, unknown>)[key];
  return copy;
}

/**
 * A valid input with exactly one thing wrong: one field (at any depth, or the whole input) replaced by a hostile
 * value, one field or array item dropped, or one unexpected key added (`__proto__`, `isSuperAdmin`, …).
 */
export function corrupted(valid: unknown, value: fc.Arbitrary<unknown> = hostileValue): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const containers = paths.filter((path) => {
    let node: unknown = valid;
    for (const step of path) node = (node as Record<string | number, unknown>)[step];
    return Array.isArray(node) || isPlainObject(node);
  });
  const replace = fc.record({ kind: fc.constant("replace" as const), path: fc.constantFrom(...paths), value });
  const options: fc.Arbitrary<Corruption>[] = [replace];
  if (paths.length > 1) options.push(fc.record({ kind: fc.constant("drop" as const), path: fc.constantFrom(...paths.slice(1)) }));
  if (containers.length) {
    const key = fc.constantFrom("__proto__", "constructor", "prototype", "isSuperAdmin", "superAdmin", "tenantId", "id", "ok");
    options.push(fc.record({ kind: fc.constant("extra" as const), path: fc.constantFrom(...containers), key, value }));
  }
  return fc.oneof(...options).map((corruption) => applyCorruption(valid, corruption));
}

/**
 * Hostile argument lists for a function whose valid call is `fn(...validArgs)`: mostly one corruption of the valid
 * arguments (so validation is exercised field by field), sometimes every argument replaced, or arguments missing.
 */
export function hostileArgs(validArgs: readonly unknown[], value: fc.Arbitrary<unknown> = hostileValue): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { arbitrary: corrupted(validArgs, value).map((args) => (Array.isArray(args) ? args : [args])), weight: 6 },
    { arbitrary: fc.array(value, { minLength: validArgs.length, maxLength: validArgs.length }), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: Math.max(validArgs.length - 1, 0) }).map((count) => validArgs.slice(0, count)), weight: 1 },
  );
}

// ── Driving server actions ───────────────────────────────────────────────────────────────────────────────────────
// Actions call headers(), cookies() and revalidatePath(), which need Next's request scope. invoke() runs them inside
// the same stores Next creates for a route handler (work store + request store in the "action" phase), so nothing of
// Next is mocked: redirect() throws its real signal and revalidatePath() records its real tags.

// Next's server runtime installs AsyncLocalStorage on globalThis before loading its request stores; without it they
// are inert fakes. So the stores are loaded only after it is in place.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");
const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external.js");
const { createRequestStoreForAPI } = await import("next/dist/server/async-storage/request-store.js");
const { AfterContext } = await import("next/dist/server/after/after-context.js");

export type Outcome =
  | { kind: "returned"; value: unknown }
  | { kind: "redirected"; location: string }
  | { kind: "threw"; error: unknown };

/** Next's control-flow signals carry a digest: NEXT_REDIRECT;type;url;status; — or NEXT_HTTP_ERROR_FALLBACK;403 etc. */
function digestOf(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof error === "object" && typeof digest === "string" ? digest : null;
}

export function redirectLocation(error: unknown): string | null {
  const digest = digestOf(error);
  if (!digest?.startsWith("NEXT_REDIRECT;")) return null;
  return digest.split(";").slice(2, -2).join(";");
}

const REQUEST_HOST = "localhost:3000";

export async function invoke(action: () => Promise<unknown>, requestHeaders: Record<string, string> = {}): Promise<Outcome> {
  const url = new URL(`http://${REQUEST_HOST}/security-test`);
  const headers = new Headers({ host: REQUEST_HOST, ...requestHeaders });
  const workStore = {
    page: "/security-test",
    route: "/security-test",
    // revalidatePath only needs a cache to exist; it records pending tags on the store.
    incrementalCache: {},
    forceStatic: false,
    dynamicShouldError: false,
    isDraftMode: false,
    cacheLifeProfiles: {},
    pendingRevalidatedTags: [],
  };
  const requestStore = createRequestStoreForAPI({ headers } as never, url, { tags: [], expirationsByCacheKind: new Map() } as never, undefined, undefined as never, undefined);
  // Next's own after() machinery: tasks run once the "response" closes (when the action has answered) and are
  // awaited before invoke returns, so what they write is there for the checks that follow.
  const closeListeners: (() => void)[] = [];
  const pending: Promise<unknown>[] = [];
  const afterErrors: unknown[] = [];
  const afterContext = new AfterContext({
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    onClose: (listener: () => void) => void closeListeners.push(listener),
    onTaskError: (error: unknown) => void afterErrors.push(error),
  });
  const afterTasks = async () => {
    for (const listener of closeListeners.splice(0)) listener();
    while (pending.length) await Promise.allSettled(pending.splice(0));
  };
  try {
    const value = await workAsyncStorage.run({ ...workStore, afterContext } as never, () => workUnitAsyncStorage.run(requestStore as never, action));
    await afterTasks();
    if (afterErrors.length) return { kind: "threw", error: afterErrors[0] };
    return { kind: "returned", value };
  } catch (error) {
    await afterTasks();
    const location = redirectLocation(error);
    return location === null ? { kind: "threw", error } : { kind: "redirected", location };
  }
}

/** What runAction answers when something unexpected was thrown inside: a hidden crash, not a validation refusal. */
export const GENERIC_FAILURE = "Something went wrong and nothing was changed. Try again in a moment.";

/** Internals that must never reach a user: ORM and SQL wording, stack frames, JS error names, file paths. */
const LEAK = /prisma|invalid input syntax|violates|constraint|sqlstate|\bP20\d\d\b|\n\s*at\s|\bat\s+\S+\s+\(|typeerror|referenceerror|rangeerror|syntaxerror|cannot read prop|is not a function|undefined is not|node_modules|\.tsx?:\d+|\.js:\d+/i;

function preview(value: unknown, depth = 0): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length} chars)` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (value instanceof Map || value instanceof Set) return `${value.constructor.name}(${value.size})`;
  if (value instanceof FormData) return `FormData${preview(Object.fromEntries(value.entries()), depth)}`;
  if (Array.isArray(value)) {
    if (depth > 3) return "[…]";
    const items = value.slice(0, 5).map((item) => preview(item, depth + 1));
    return `[${items.join(", ")}${value.length > 5 ? `, …(${value.length})` : ""}]`;
  }
  if (typeof value === "object" && value !== null) {
    if (depth > 3) return "{…}";
    return `{${Object.keys(value)
      .slice(0, 8)
      .map((key) => `${JSON.stringify(key)}: ${preview((value as Record<string, unknown>)[key], depth + 1)}`)
      .join(", ")}}`;
  }
  return String(value);
}

export const describeArgs = (args: readonly unknown[]) => `(${args.map((arg) => preview(arg)).join(", ")})`;

function messageProblem(where: string, message: unknown): string | null {
  if (typeof message !== "string" || message.trim() === "") return `${where} is not a non-empty string: ${preview(message)}`;
  if (message.length > 400) return `${where} is ${message.length} characters long (echoes input?)`;
  if (LEAK.test(message)) return `${where} leaks internals: ${preview(message)}`;
  return null;
}

/**
 * null when the outcome is acceptable for any input: an ActionResult (`ok: true`, or `ok: false` with a clear,
 * bounded message and field errors), or a redirect to a same-origin path. Anything thrown, the generic
 * "something went wrong" (an exception was swallowed), or a leak of internals is a problem.
 */
export function resultProblem(outcome: Outcome, shape: "result" | "boolean" | "redirect-only" = "result"): string | null {
  if (outcome.kind === "threw") {
    const error = outcome.error as { name?: string; message?: string; digest?: string };
    return `threw ${error?.name ?? typeof error}: ${preview(error?.message ?? error)}${error?.digest ? ` (digest ${error.digest})` : ""}`;
  }
  if (outcome.kind === "redirected") {
    // A path, or an absolute URL on the request's own host (Auth.js redirects that way): never another site.
    const location = outcome.location;
    const relative = location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
    let sameHost = false;
    try {
      sameHost = /^https?:\/\//.test(location) && new URL(location).host === REQUEST_HOST;
    } catch {
      sameHost = false;
    }
    return relative || sameHost ? null : `redirected off-site to ${preview(location)}`;
  }
  const value = outcome.value;
  if (shape === "boolean") return typeof value === "boolean" ? null : `returned ${preview(value)} instead of a boolean`;
  if (shape === "redirect-only") return value === undefined ? null : `returned ${preview(value)} instead of redirecting`;
  if (typeof value !== "object" || value === null || typeof (value as { ok?: unknown }).ok !== "boolean") return `returned ${preview(value)}, not an ActionResult`;
  const result = value as { ok: boolean; error?: unknown; fieldErrors?: unknown };
  if (result.ok) return null;
  if (result.error === GENERIC_FAILURE) return "answered the generic failure: an exception was thrown inside the action (see the console)";
  const problem = messageProblem("error", result.error);
  if (problem) return problem;
  if (result.fieldErrors !== undefined) {
    if (typeof result.fieldErrors !== "object" || result.fieldErrors === null) return `fieldErrors is ${preview(result.fieldErrors)}`;
    for (const [field, messages] of Object.entries(result.fieldErrors)) {
      if (field.length > 200) return `a field error is keyed by a ${field.length}-character path`;
      if (!Array.isArray(messages)) return `fieldErrors.${field} is not a list`;
      for (const message of messages) {
        const fieldProblem = messageProblem(`fieldErrors.${field}`, message);
        if (fieldProblem) return fieldProblem;
      }
    }
  }
  if (JSON.stringify(value).length > 10_000) return "the failure is over 10 kB (echoes input?)";
  return null;
}

/** A refusal: nothing may have changed in the database. */
export const isRefusal = (outcome: Outcome) =>
  outcome.kind === "returned" && typeof outcome.value === "object" && outcome.value !== null && (outcome.value as { ok?: unknown }).ok === false;

/** Whether Object.prototype picked up anything from a `__proto__` / `constructor.prototype` payload. */
export function prototypePollution(): string | null {
  const probe = {} as Record<string, unknown>;
  for (const key of ["polluted", "isSuperAdmin", "ok", "name"]) if (key in probe) return `Object.prototype.${key} is set`;
  return null;
}

// ── Database fingerprint ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * A summary of every IAM table, restricted to one tenant (and the users that belong to it or use the test's email
 * domain), so that test files running in parallel on the same database do not disturb it. Row counts alone would
 * miss updates (a user disabled, an invitation revoked); transaction ids catch them.
 */
const SUMMARY = "count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) || ':' || coalesce(sum(t.xmin::text::bigint), 0)";

export async function fingerprint(tenantId: string, emailDomain: string): Promise<Record<string, string>> {
  // count : max(xmin) : sum(xmin) per table. Every insert or update writes a row version with a newer transaction id
  // (xmin), and a delete lowers the count, so any change shows; hashing the rows' text would be ten times slower.
  const [row] = await db().$queryRawUnsafe<Record<string, string>[]>(
    `WITH scoped_users AS (SELECT id, xmin FROM users WHERE email LIKE '%@' || $2 OR id IN (SELECT user_id FROM tenant_access WHERE tenant_id = $1))
     SELECT
       (SELECT ${SUMMARY} FROM scoped_users t) AS users,
       (SELECT ${SUMMARY} FROM tenant_access t WHERE tenant_id = $1) AS tenant_access,
       (SELECT ${SUMMARY} FROM accounts t WHERE user_id IN (SELECT id FROM scoped_users)) AS accounts,
       (SELECT ${SUMMARY} FROM sessions t WHERE user_id IN (SELECT id FROM scoped_users)) AS sessions,
       (SELECT ${SUMMARY} FROM groups t WHERE tenant_id = $1) AS groups,
       (SELECT ${SUMMARY} FROM group_memberships t WHERE group_id IN (SELECT id FROM groups WHERE tenant_id = $1)) AS group_memberships,
       (SELECT ${SUMMARY} FROM roles t WHERE tenant_id = $1) AS roles,
       (SELECT ${SUMMARY} FROM bindings t WHERE tenant_id = $1) AS bindings,
       (SELECT ${SUMMARY} FROM namespaces t WHERE tenant_id = $1) AS namespaces,
       (SELECT ${SUMMARY} FROM invitations t WHERE tenant_id = $1) AS invitations,
       (SELECT ${SUMMARY} FROM invitation_groups t WHERE invitation_id IN (SELECT id FROM invitations WHERE tenant_id = $1)) AS invitation_groups,
       (SELECT ${SUMMARY} FROM invitation_roles t WHERE invitation_id IN (SELECT id FROM invitations WHERE tenant_id = $1)) AS invitation_roles,
       (SELECT ${SUMMARY} FROM audit_logs t WHERE tenant_id = $1 OR actor_id IN (SELECT id FROM scoped_users) OR actor_email LIKE '%@' || $2) AS audit_logs`,
    tenantId,
    emailDomain,
  );
  return row;
}

// ── A tenant to attack ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * What `currentActor()` answers for a signed-in user id, read from the database exactly as lib/auth/current-actor.ts does
 * (a disabled or deleted user has no session). Test files mock only that module, so only the session cookie is
 * faked: tenant access, grants and every permission check run for real. The session id is the user's own id, which
 * no session row has: the account's actions then treat every real session of the user as "another" one.
 */
export async function actorFromDatabase(userId: string | null): Promise<SessionActor | null> {
  if (!userId) return null;
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
  return { id: user.id, email: user.email, name, isSuperAdmin: user.superAdmin, sessionId: user.id, mustChangePassword: user.mustChangePassword, amr: ["password"], authenticatedAt: new Date() };
}

export const PASSWORD = "hostile-test-password-7Qz!";

/** Fixed ids and tokens of everything the actions are pointed at, so arbitraries can be built before each run. */
export interface World {
  tenantId: string;
  domain: string;
  users: { superadmin: string; admin: string; viewer: string; target: string; invitee: string; login: string };
  emails: { target: string; invitee: string; login: string; pending: string; newcomer: string };
  groupId: string;
  groupBindingId: string;
  roleId: string;
  spareRoleId: string;
  viewerRoleId: string;
  userBindingId: string;
  pendingInvitationId: string;
  newcomer: { invitationId: string; token: string };
  existing: { invitationId: string; token: string };
}

const NAMESPACES = ["company", "company.team", "company.team.data", "other"];

export async function buildWorld(): Promise<World> {
  const { createTenant, unique, roleId: managedRoleId } = await import("@/test/fixtures");
  const { hashPassword } = await import("@/lib/iam/passwords/password-hashing");
  const { hashToken, newToken } = await import("@/lib/iam/invitations/invitation-tokens");
  const { randomUUID } = await import("node:crypto");
  const tenantId = await createTenant(NAMESPACES, unique("hostile"));
  const domain = `${tenantId}.test`;
  const member = async (local: string, options: { superAdmin?: boolean; access?: boolean; passwordHash?: string } = {}) =>
    (
      await db().user.create({
        data: {
          email: `${local}@${domain}`,
          firstName: local,
          lastName: "Hostile",
          superAdmin: options.superAdmin ?? false,
          passwordHash: options.passwordHash,
          accesses: options.access === false ? undefined : { create: { tenantId } },
        },
      })
    ).id;
  const users = {
    superadmin: await member("superadmin", { superAdmin: true }),
    admin: await member("admin"),
    viewer: await member("viewer"),
    target: await member("target"),
    invitee: await member("invitee", { access: false }),
    login: await member("login", { passwordHash: await hashPassword(PASSWORD) }),
  };
  const viewerRoleId = await managedRoleId(tenantId, "Viewer");
  await db().binding.createMany({
    data: [
      { tenantId, type: "USER", userId: users.admin, roleId: await managedRoleId(tenantId, "Admin") },
      { tenantId, type: "USER", userId: users.viewer, roleId: viewerRoleId },
    ],
  });
  const world: World = {
    tenantId,
    domain,
    users,
    emails: {
      target: `target@${domain}`,
      invitee: `invitee@${domain}`,
      login: `login@${domain}`,
      pending: `pending@${domain}`,
      newcomer: `newcomer@${domain}`,
    },
    groupId: randomUUID(),
    groupBindingId: randomUUID(),
    roleId: randomUUID(),
    spareRoleId: randomUUID(),
    viewerRoleId,
    userBindingId: randomUUID(),
    pendingInvitationId: randomUUID(),
    newcomer: { invitationId: randomUUID(), token: newToken() },
    existing: { invitationId: randomUUID(), token: newToken() },
  };
  await restore.all(world);
  // Tokens: only their hashes are stored, as the invite flow does.
  await db().invitation.update({ where: { id: world.newcomer.invitationId }, data: { tokenHash: hashToken(world.newcomer.token) } });
  await db().invitation.update({ where: { id: world.existing.invitationId }, data: { tokenHash: hashToken(world.existing.token) } });
  return world;
}


/**
 * Puts each fixture back as buildWorld made it (actions with valid input are allowed to change them). One SQL
 * statement each (data-modifying CTEs), since they run after every successful call.
 */
export const restore = {
  async roles(world: World) {
    const [auditor, spare] = [nameKeys("Hostile auditor"), nameKeys("Spare role")];
    await db().$executeRawUnsafe(
      `INSERT INTO roles (id, tenant_id, name, name_key, name_skeleton, description, permissions) VALUES
         ($2::uuid, $1, 'Hostile auditor', $4, $5, 'Reads audit logs and groups', '{"AUDITLOG": ["READ"], "GROUP": ["READ"]}'),
         ($3::uuid, $1, 'Spare role', $6, $7, '', '{"FLOW": ["READ"]}')
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key, name_skeleton = EXCLUDED.name_skeleton,
         description = EXCLUDED.description, permissions = EXCLUDED.permissions`,
      world.tenantId,
      world.roleId,
      world.spareRoleId,
      auditor.nameKey,
      auditor.nameSkeleton,
      spare.nameKey,
      spare.nameSkeleton,
    );
  },
  async namespaces(world: World) {
    await db().$executeRawUnsafe(
      `WITH added AS (INSERT INTO namespaces (tenant_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING)
       DELETE FROM namespaces WHERE tenant_id = $1 AND NOT (name = ANY($2::text[]))`,
      world.tenantId,
      NAMESPACES,
    );
  },
  async group(world: World) {
    await restore.roles(world);
    await restore.namespaces(world);
    const keys = nameKeys("Hostile group");
    await db().$executeRawUnsafe(
      `WITH upserted AS (
         INSERT INTO groups (id, tenant_id, name, name_key, name_skeleton, description) VALUES ($2::uuid, $1, 'Hostile group', $5, $6, 'The group under attack')
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key, name_skeleton = EXCLUDED.name_skeleton, description = EXCLUDED.description),
       bound AS (
         INSERT INTO bindings (id, tenant_id, type, group_id, role_id, namespace) VALUES ($3::uuid, $1, 'GROUP', $2::uuid, $4::uuid, 'company')
         ON CONFLICT (id) DO NOTHING)
       DELETE FROM bindings WHERE group_id = $2::uuid AND id <> $3::uuid`,
      world.tenantId,
      world.groupId,
      world.groupBindingId,
      world.viewerRoleId,
      keys.nameKey,
      keys.nameSkeleton,
    );
  },
  async target(world: World) {
    await restore.group(world);
    await db().$executeRawUnsafe(
      `WITH reset AS (UPDATE users SET disabled = false, super_admin = false WHERE id = $2::uuid AND (disabled OR super_admin)),
       access AS (INSERT INTO tenant_access (tenant_id, user_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING),
       member AS (INSERT INTO group_memberships (group_id, user_id) VALUES ($3::uuid, $2::uuid) ON CONFLICT DO NOTHING),
       bound AS (
         INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace) VALUES ($4::uuid, $1, 'USER', $2::uuid, $5::uuid, 'company')
         ON CONFLICT (id) DO NOTHING)
       DELETE FROM bindings WHERE tenant_id = $1 AND user_id = $2::uuid AND id <> $4::uuid`,
      world.tenantId,
      world.users.target,
      world.groupId,
      world.userBindingId,
      world.roleId,
    );
  },
  async invitations(world: World) {
    await restore.group(world);
    const ids = [world.pendingInvitationId, world.newcomer.invitationId, world.existing.invitationId];
    const emails = [world.emails.pending, world.emails.newcomer, world.emails.invitee];
    await db().$executeRawUnsafe(
      `WITH upserted AS (
         INSERT INTO invitations (id, tenant_id, email, token_hash, invited_by_id, expires_at)
         SELECT id, $1, email, 'unset-' || id, $4::uuid, now() + interval '7 days' FROM unnest($2::uuid[], $3::text[]) AS i(id, email)
         ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, expires_at = EXCLUDED.expires_at, accepted_at = NULL, accepted_by_id = NULL, revoked_at = NULL),
       granted AS (
         INSERT INTO invitation_roles (invitation_id, role_id, namespaces) SELECT unnest($2::uuid[]), $5::uuid, ARRAY['company']
         ON CONFLICT DO NOTHING),
       -- Accepting creates the newcomer's account and gives the invitee access: undo both.
       newcomer AS (DELETE FROM users WHERE email = $6),
       bindings AS (DELETE FROM bindings WHERE tenant_id = $1 AND user_id = $7::uuid)
       DELETE FROM tenant_access WHERE tenant_id = $1 AND user_id = $7::uuid`,
      world.tenantId,
      ids,
      emails,
      world.users.admin,
      world.viewerRoleId,
      world.emails.newcomer,
      world.users.invitee,
    );
  },
  async all(world: World) {
    await restore.target(world);
    await restore.invitations(world);
  },
};

// ── The property ─────────────────────────────────────────────────────────────────────────────────────────────────

export type ActorName = keyof World["users"];

export interface ActionCase {
  name: string;
  /** A valid argument list; the hostile ones are derived from it. */
  args: (world: World) => unknown[];
  call: (...args: never[]) => Promise<unknown>;
  /** Puts back whatever a successful call may have changed, before every run. */
  restore?: (world: World) => Promise<void>;
  runs?: number;
  shape?: "result" | "boolean" | "redirect-only";
  /** The signed-in users to try, null for signed out (default: a superadmin and a tenant Admin). */
  actors?: (ActorName | null)[];
  /** Who succeeds with the valid arguments in the replay check (default: the tenant Admin). */
  replayControl?: ActorName;
  /** Arbitrary for the hostile argument lists (default: hostileArgs of the valid ones). */
  hostile?: (world: World) => fc.Arbitrary<unknown[]>;
}

/** HOSTILE_RUNS scales every action's run count (default 200 = as listed; e.g. 2000 for a deep run). FC_SEED replays a failure. */
function runsFor(action: ActionCase): number {
  const scale = Number(process.env.HOSTILE_RUNS ?? 200) / 200;
  return Math.max(1, Math.round((action.runs ?? 200) * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

export interface AttackStats {
  action: string;
  runs: number;
  refused: number;
  accepted: number;
  redirected: number;
}

function fingerprintDiff(before: Record<string, string>, after: Record<string, string>): string | null {
  const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
  return changed.length ? changed.map((table) => `${table} ${before[table].split(":")[0]}→${after[table].split(":")[0]} rows`).join(", ") : null;
}

/**
 * Drives one action with `runs` hostile argument lists (and a generated signed-in actor). Every outcome must be an
 * ActionResult or a same-origin redirect, never an exception; a refusal must leave the tenant's data untouched.
 */
export async function attack(world: World, session: { userId: string | null }, action: ActionCase): Promise<AttackStats> {
  const stats: AttackStats = { action: action.name, runs: 0, refused: 0, accepted: 0, redirected: 0 };
  const actors: (ActorName | null)[] = action.actors ?? ["superadmin", "admin"];
  const args = action.hostile ? action.hostile(world) : hostileArgs(action.args(world));
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  // A refusal changes nothing (that is what is checked), so fixtures are put back only after a call that succeeded,
  // and the fingerprint taken after one refusal serves as the "before" of the next run.
  let dirty = true;
  let known: Record<string, string> | null = null;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actors), args, async (who, hostile) => {
      if (dirty) {
        await action.restore?.(world);
        dirty = false;
        known = null;
      }
      session.userId = who && world.users[who];
      const before = known ?? (await fingerprint(world.tenantId, world.domain));
      known = null;
      const logged: unknown[][] = [];
      const consoleError = console.error;
      console.error = (...parts: unknown[]) => void logged.push(parts);
      let outcome: Outcome;
      try {
        outcome = await invoke(() => (action.call as (...a: unknown[]) => Promise<unknown>)(...hostile));
      } finally {
        console.error = consoleError;
      }
      stats.runs += 1;
      const problem = resultProblem(outcome, action.shape) ?? prototypePollution();
      if (problem) {
        dirty = true;
        const log = logged.length ? `\n  console.error: ${logged.map((parts) => parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message.slice(0, 300)}` : preview(part))).join(" ")).join("\n  ")}` : "";
        throw new Error(`${action.name}${describeArgs(hostile)} as ${who}: ${problem}${log}`);
      }
      if (isRefusal(outcome)) {
        stats.refused += 1;
        const after = await fingerprint(world.tenantId, world.domain);
        const changed = fingerprintDiff(before, after);
        if (changed) {
          dirty = true;
          throw new Error(`${action.name}${describeArgs(hostile)} as ${who} was refused but changed the database: ${changed}`);
        }
        known = after;
      } else {
        dirty = true;
        if (outcome.kind === "redirected") stats.redirected += 1;
        else stats.accepted += 1;
      }
    }),
    { numRuns: runsFor(action), seed, endOnFailure: true },
  );
  return stats;
}

/** What a refusal for lack of rights says: every Forbidden message names a permission (GROUP:CREATE), or a superadmin, or what the actor does not hold. */
export const PERMISSION_MESSAGE = /\b[A-Z_]+:(CREATE|READ|UPDATE|DELETE)\b|permission|superadmin|hold/;

/**
 * The replay check: a Viewer (a tenant member with only the Viewer role) sends the exact valid arguments; the
 * action must refuse with a permission message and change nothing. The same call by the tenant Admin (or whoever
 * replayControl names) must then succeed, which proves the arguments were valid and the refusal was about permission.
 */
export async function replayAsViewer(world: World, session: { userId: string | null }, action: ActionCase): Promise<void> {
  const args = action.args(world);
  await action.restore?.(world);
  session.userId = world.users.viewer;
  const before = await fingerprint(world.tenantId, world.domain);
  const outcome = await invoke(() => (action.call as (...a: unknown[]) => Promise<unknown>)(...args));
  if (!isRefusal(outcome)) throw new Error(`${action.name}${describeArgs(args)} as a Viewer was not refused: ${outcome.kind} ${preview(outcome.kind === "returned" ? outcome.value : outcome)}`);
  const error = (outcome as { value: { error: string } }).value.error;
  if (!PERMISSION_MESSAGE.test(error)) throw new Error(`${action.name} as a Viewer was refused with "${error}", which is not about permission`);
  const changed = fingerprintDiff(before, await fingerprint(world.tenantId, world.domain));
  if (changed) throw new Error(`${action.name} as a Viewer was refused but changed the database: ${changed}`);

  const controlActor = action.replayControl ?? "admin";
  session.userId = world.users[controlActor];
  const control = await invoke(() => (action.call as (...a: unknown[]) => Promise<unknown>)(...args));
  const succeeded = control.kind === "redirected" || (control.kind === "returned" && (control.value as { ok?: unknown })?.ok === true);
  if (!succeeded) throw new Error(`${action.name}${describeArgs(args)} did not succeed for ${controlActor} either, so the replay proves nothing: ${preview(control.kind === "returned" ? control.value : control)}`);
  await action.restore?.(world);
}

/**
 * The two suites every action file declares: hostile input (as a superadmin and as the tenant Admin), and the
 * Viewer replay of valid input for the actions that change something. Prints how many inputs each action got.
 */
export function hostileSuite(title: string, session: { userId: string | null }, cases: ActionCase[], options: { replay?: string[] } = {}) {
  let world: World;
  const stats: AttackStats[] = [];
  beforeAll(async () => {
    world = await buildWorld();
  }, 60_000);
  afterAll(() => {
    const lines = stats.map((s) => `  ${s.action}: ${s.runs} inputs (${s.refused} refused, ${s.accepted} accepted, ${s.redirected} redirected)`);
    console.info(`${title}, hostile inputs per action:\n${lines.join("\n")}`);
  });
  describe(`${title} actions under hostile input`, () => {
    for (const action of cases) {
      it(`${action.name} answers every input with a result, and a refusal changes nothing`, { timeout: 180_000 }, async () => {
        stats.push(await attack(world, session, action));
      });
    }
  });
  const replayed = cases.filter((action) => options.replay?.includes(action.name) ?? true);
  if (replayed.length) {
    describe(`${title} actions replayed by a Viewer with valid input`, () => {
      for (const action of replayed) {
        it(`${action.name} refuses a Viewer and changes nothing`, { timeout: 30_000 }, async () => {
          await replayAsViewer(world, session, action);
        });
      }
    });
  }
}
