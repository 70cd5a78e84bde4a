// Server action requests that Next.js would answer with a 500 (it throws while decoding them, after the action was
// routed), refused up front by proxy.ts with the 4xx they deserve. Each check mirrors the rule Next applies, so a
// request that passes here is one Next accepts: a body over the action size limit, a body that is not the JSON
// React's client sends (malformed, or nested deep enough to overflow React's recursive decoder), and an Origin
// that is not the host it was sent to (Next's CSRF rule). Pure functions over headers and bodies, so they are
// tested without a server; nothing here knows about sessions or the database.

/** Next's default `serverActions.bodySizeLimit` ("1mb", which Next reads as 1,048,576 bytes). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** Far deeper than any form of this console sends (a few levels), far shallower than what overflows the decoder. */
export const MAX_NESTING = 64;

export interface RequestProblem {
  status: 400 | 403 | 413;
  message: string;
}

const PROBLEMS = {
  tooLarge: { status: 413, message: "The request is too large (at most 1 MB)." },
  malformed: { status: 400, message: "The request is malformed." },
  tooDeep: { status: 400, message: `The request is nested too deeply (at most ${MAX_NESTING} levels).` },
  crossOrigin: { status: 403, message: "Cross-origin requests are refused." },
} satisfies Record<string, RequestProblem>;

/**
 * A POST that Next routes to a server action: a fetch from React's client names it in `Next-Action`; a form
 * submitted without JavaScript carries it in `$ACTION_…` fields of a form body.
 */
export function isActionRequest(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  if (headers.has("next-action")) return true;
  const type = headers.get("content-type") ?? "";
  return /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type);
}

/** Next's CSRF rule: an Origin, when sent, must name the host the request was sent to (X-Forwarded-Host first). */
export function originProblem(headers: Headers): RequestProblem | null {
  const origin = headers.get("origin");
  if (!origin) return null;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return PROBLEMS.crossOrigin;
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = headers.get("host");
  return originHost === forwarded || originHost === host ? null : PROBLEMS.crossOrigin;
}

/** Content-Length over the limit, before anything is read. */
export function declaredSizeProblem(headers: Headers): RequestProblem | null {
  const length = Number(headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES ? PROBLEMS.tooLarge : null;
}

/** The depth of a parsed JSON value, walked with a stack: recursion is what fails on hostile input. */
export function nestingDepth(value: unknown, limit = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** One JSON model as React's client writes it: parses, and is not nested past the limit. */
export function jsonProblem(text: string): RequestProblem | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return PROBLEMS.malformed;
  }
  return nestingDepth(parsed) > MAX_NESTING ? PROBLEMS.tooDeep : null;
}

/**
 * The form fields React's decoder parses as JSON: the models of a multipart reply ("0", "1", …) and the bound
 * arguments of a form posted without JavaScript ("$ACTION_1:0"). Fields of the user's own FormData ("1_email") are
 * plain strings, and stay unchecked.
 */
const JSON_FIELD = /^(\d+|\$ACTION_\d+:\d+)$/;

export function formProblem(fields: Iterable<[string, FormDataEntryValue]>): RequestProblem | null {
  for (const [name, value] of fields) {
    if (typeof value !== "string" || !JSON_FIELD.test(name)) continue;
    const problem = jsonProblem(value);
    if (problem) return problem;
  }
  return null;
}

/** The whole check of an action request's body (read once by the caller, which cannot know its size before). */
export async function actionBodyProblem(contentType: string | null, bytes: Uint8Array<ArrayBuffer>): Promise<RequestProblem | null> {
  if (bytes.byteLength > ACTION_BODY_LIMIT_BYTES) return PROBLEMS.tooLarge;
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType! } }).formData();
    } catch {
      return PROBLEMS.malformed;
    }
    return formProblem(form.entries());
  }
  if (bytes.byteLength === 0) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return PROBLEMS.malformed;
  }
  return jsonProblem(text);
}

/**
 * A path Next can decode into route params. `decodeURIComponent` throws on malformed escapes ("%C0%AF", "%E0%A4%A"),
 * which Next does not catch while matching a dynamic segment.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
