import { describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMIT_BYTES,
  actionBodyProblem,
  declaredSizeProblem,
  isActionRequest,
  isDecodablePath,
  MAX_NESTING,
  nestingDepth,
  originProblem,
} from "./action-request";

const encode = (text: string) => new TextEncoder().encode(text);
const headers = (entries: Record<string, string>) => new Headers(entries);

async function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const request = new Request("http://x.test/", { method: "POST", body: form });
  return { type: request.headers.get("content-type"), bytes: new Uint8Array(await request.arrayBuffer()) };
}

describe("server action requests Next would answer with a 500", () => {
  it("recognises fetch actions and forms posted without JavaScript, not other requests", () => {
    expect(isActionRequest("POST", headers({ "next-action": "abc" }))).toBe(true);
    expect(isActionRequest("POST", headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isActionRequest("GET", headers({ "next-action": "abc" }))).toBe(false);
    expect(isActionRequest("POST", headers({ "content-type": "application/json" }))).toBe(false);
  });

  it("accepts what React's client sends: JSON arguments and multipart models with form fields", async () => {
    expect(await actionBodyProblem("text/plain;charset=UTF-8", encode('["main",{"email":"a@b.c","access":{"mode":"ROLE"}}]'))).toBeNull();
    const form = await multipart({ "0": '["$K1"]', "1_email": "not json at all {", "1_password": "x" });
    expect(await actionBodyProblem(form.type, form.bytes)).toBeNull();
  });

  it("refuses malformed JSON and bytes that are not UTF-8 with 400", async () => {
    for (const body of ['["x",', "{", "undefined", "\u0000"]) {
      expect(await actionBodyProblem("text/plain", encode(body))).toMatchObject({ status: 400 });
    }
    expect(await actionBodyProblem("text/plain", new Uint8Array([0x5b, 0xc0, 0xaf, 0x5d]))).toMatchObject({ status: 400 });
    const form = await multipart({ "0": '["$K1",' });
    expect(await actionBodyProblem(form.type, form.bytes)).toMatchObject({ status: 400, message: "The request is malformed." });
    expect(await actionBodyProblem("multipart/form-data; boundary=nope", encode("garbage"))).toMatchObject({ status: 400 });
  });

  it("refuses arrays and objects nested past the limit with 400, at any depth of a multipart reply", async () => {
    const deepArray = "[".repeat(5000) + "]".repeat(5000);
    const deepObject = '{"a":'.repeat(5000) + "1" + "}".repeat(5000);
    expect(await actionBodyProblem("text/plain", encode(deepArray))).toMatchObject({ status: 400, message: expect.stringContaining("nested") });
    expect(await actionBodyProblem("text/plain", encode(deepObject))).toMatchObject({ status: 400 });
    const form = await multipart({ "0": '["$1"]', "1": deepArray });
    expect(await actionBodyProblem(form.type, form.bytes)).toMatchObject({ status: 400 });
    expect(nestingDepth(JSON.parse("[".repeat(MAX_NESTING) + "]".repeat(MAX_NESTING)))).toBe(MAX_NESTING);
    expect(await actionBodyProblem("text/plain", encode("[".repeat(MAX_NESTING) + "]".repeat(MAX_NESTING)))).toBeNull();
  });

  it("refuses bodies over the limit with 413, declared or not", async () => {
    expect(declaredSizeProblem(headers({ "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }))).toMatchObject({ status: 413 });
    expect(declaredSizeProblem(headers({ "content-length": "100" }))).toBeNull();
    expect(await actionBodyProblem("text/plain", new Uint8Array(ACTION_BODY_LIMIT_BYTES + 1))).toMatchObject({ status: 413 });
    const form = await multipart({ "0": '["$K1"]', "1_notes": "a".repeat(ACTION_BODY_LIMIT_BYTES) });
    expect(await actionBodyProblem(form.type, form.bytes)).toMatchObject({ status: 413 });
  });

  it("refuses an Origin that is not the host, as Next's CSRF rule does, with 403", () => {
    expect(originProblem(headers({ host: "iam.test", origin: "http://iam.test" }))).toBeNull();
    expect(originProblem(headers({ host: "10.0.0.1:3000", "x-forwarded-host": "iam.test", origin: "https://iam.test" }))).toBeNull();
    expect(originProblem(headers({ host: "iam.test" }))).toBeNull();
    for (const origin of ["http://evil.example", "null", "not a url", "http://iam.test.evil.example"]) {
      expect(originProblem(headers({ host: "iam.test", origin }))).toMatchObject({ status: 403 });
    }
  });

  it("tells paths Next cannot decode into params", () => {
    expect(isDecodablePath("/invitations/abc%20def")).toBe(true);
    for (const path of ["/invitations/%C0%AF", "/main/%E0%A4%A", "/%"]) expect(isDecodablePath(path)).toBe(false);
  });
});
