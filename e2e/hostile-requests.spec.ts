import { spawn } from "node:child_process";
import { connect } from "node:net";
import type { APIRequestContext, Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { appOrigin, E2E_PORTS } from "../playwright.config";
import { createUser, E2E_ADMIN, insertInvitation, signIn, sql } from "./helpers";

// Requests a browser never sends, which Next.js answered with a 500 (or a 200 for what does not exist): each gets
// the 4xx it deserves, without a stack trace, and the app keeps serving.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The accept page's "is this password common?" check, a fetch action with a JSON body, as the browser sent it. */
async function captureJsonAction(page: Page, tenant: string): Promise<Request> {
  const { token } = await insertInvitation(tenant, `hostile-requests-${unique()}@e2e.test`);
  await page.goto(`/invitations/${token}`);
  const captured = page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  return captured;
}

/** The sign-in form's action, a multipart body, as the browser sent it. */
async function captureFormAction(page: Page): Promise<Request> {
  await page.goto("/login");
  const captured = page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
  await signIn(page, `nobody-${unique()}@e2e.test`, "not-the-password");
  return captured;
}

function replay(api: APIRequestContext, request: Request, changes: { body?: string | Buffer; headers?: Record<string, string> } = {}) {
  const headers = request.headers();
  return api.post(request.url(), {
    headers: {
      "next-action": headers["next-action"],
      "content-type": headers["content-type"],
      accept: "text/x-component",
      origin: headers["origin"],
      ...changes.headers,
    },
    data: changes.body ?? request.postDataBuffer() ?? "",
    maxRedirects: 0,
  });
}

async function expectRefused(response: Awaited<ReturnType<APIRequestContext["post"]>>, status: number, message: RegExp) {
  expect(response.status()).toBe(status);
  const text = await response.text();
  expect(text).toMatch(message);
  expect(text).not.toMatch(/\n\s+at |Error:/);
}

test("server action bodies that are too large, malformed, too deep or cross-origin get 413, 400 and 403", async ({ page, request, tenant }) => {
  const json = await captureJsonAction(page, tenant);
  expect(json.headers()["content-type"]).toMatch(/^text\/plain/);
  // The untouched replay is answered: everything below differs from it only in what is refused.
  expect((await replay(request, json)).status()).toBe(200);

  await expectRefused(await replay(request, json, { body: `["${"a".repeat(1_100_000)}"]` }), 413, /too large/);
  await expectRefused(await replay(request, json, { body: '["x",' }), 400, /malformed/);
  await expectRefused(await replay(request, json, { body: "[".repeat(10_000) + "]".repeat(10_000) }), 400, /nested too deeply/);
  await expectRefused(await replay(request, json, { body: '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000) }), 400, /nested too deeply/);
  await expectRefused(await replay(request, json, { headers: { origin: "https://evil.example" } }), 403, /Cross-origin/);

  const form = await captureFormAction(page);
  expect(form.headers()["content-type"]).toMatch(/^multipart\/form-data/);
  const boundary = /boundary=(.+)$/.exec(form.headers()["content-type"])![1];
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  await expectRefused(await replay(request, form, { body: `${part("0", '["$K1",')}--${boundary}--\r\n` }), 400, /malformed/);
  await expectRefused(await replay(request, form, { body: `${part("0", "[".repeat(5000))}--${boundary}--\r\n` }), 400, /malformed/);
  await expectRefused(await replay(request, form, { body: `${part("1_email", "x".repeat(1_100_000))}--${boundary}--\r\n` }), 413, /too large/);
  await expectRefused(await replay(request, form, { body: "not multipart at all" }), 400, /malformed/);
  await expectRefused(await replay(request, form, { headers: { origin: "null" } }), 403, /Cross-origin/);

  expect((await request.get("/api/health")).status()).toBe(200);
});

test("dead and malformed invitation links answer 404 with the page that says why", async ({ page, tenant }) => {
  for (const path of ["/invitations/%C0%AF", "/invitations/%E0%A4%A", "/invitations/not-a-real-token", `/invitations/${"x".repeat(43)}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "This invitation link is invalid" })).toBeVisible();
  }
  const { token } = await insertInvitation(tenant, `expired-404-${unique()}@e2e.test`, { expiresAt: new Date(Date.now() - 60_000) });
  expect((await page.goto(`/invitations/${token}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/stack|prisma|URIError/i);
});

test("made-up, malformed and other tenants' ids answer 404 inside the console frame", async ({ page }) => {
  await sql(`INSERT INTO tenants (id, name) VALUES ('other-co', 'Other Co') ON CONFLICT DO NOTHING`);
  const outsider = await createUser(`other-tenant-${unique()}@e2e.test`, "other-tenant-password-1", { tenant: "other-co" });
  const [otherGroup] = await sql<{ id: string }>(
    `INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), 'other-co', $1) RETURNING id`,
    [`Other group ${unique()}`],
  );
  await sql(`INSERT INTO roles (id, tenant_id, name) VALUES (gen_random_uuid(), 'other-co', 'Admin') ON CONFLICT DO NOTHING`);
  const [otherRole] = await sql<{ id: string }>(`SELECT id FROM roles WHERE tenant_id = 'other-co' LIMIT 1`);

  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  const madeUp = "00000000-0000-4000-8000-000000000000";
  const cases: [string, string][] = [
    [`/main/admin/iam/users/${madeUp}`, "User not found"],
    [`/main/admin/iam/users/${outsider}`, "User not found"],
    ["/main/admin/iam/users/not-a-uuid", "User not found"],
    [`/main/admin/iam/groups/${otherGroup.id}`, "Group not found"],
    ["/main/admin/iam/groups/not-a-uuid", "Group not found"],
    [`/main/admin/iam/roles/${madeUp}`, "Role not found"],
    [`/main/admin/iam/roles/${otherRole.id}`, "Role not found"],
    ["/main/admin/iam/roles/not-a-uuid", "Role not found"],
    [`/main/admin/no-such-page-${unique()}`, "Page not found"],
    ["/main/%C0%AF", "Page not found"],
  ];
  for (const [path, heading] of cases) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: heading }), path).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }), path).toBeVisible();
  }
});

test("unknown API addresses answer a JSON 404, and a cookie that does not decrypt is simply signed out", async ({ playwright }) => {
  const api = await playwright.request.newContext({
    baseURL: appOrigin(E2E_PORTS.app),
    extraHTTPHeaders: { cookie: "authjs.session-token=not-a-real-jwe" },
  });
  for (const method of ["get", "post", "delete"] as const) {
    const response = await api[method](`/api/no-such-endpoint-${unique()}/x`, { maxRedirects: 0 });
    expect(response.status(), method).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found" });
  }
  const page = await api.get("/main/admin/iam/users", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers()["location"]).toContain("/login?callbackUrl=");
  await api.dispose();
});

test("a callbackUrl with characters a header cannot carry signs in and lands on that path, percent-encoded", async ({ page }) => {
  for (const [target, encoded] of [["/main?q=é", "/main?q=%C3%A9"], ["/main?q=€😀", "/main?q=%E2%82%AC%F0%9F%98%80"]]) {
    const response = await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    expect(response?.status()).toBe(200);
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === encoded);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.context().clearCookies();
  }
});

/** Whether something accepts TCP connections at host:port (loopback only). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test("npm start listens only on HOSTNAME when it is set", async () => {
  test.slow(); // starts a third app server
  // The suite's own servers listen on every interface (no HOSTNAME): [::1] reaches them, which shows IPv6 loopback
  // works here, so a refusal below is the binding's doing.
  expect(await accepts("::1", E2E_PORTS.app)).toBe(true);
  const port = E2E_PORTS.app + 9;
  const server = spawn("npm", ["start"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: "e2e-secret-that-is-long-enough-for-authjs-0123456789",
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await expect.poll(() => accepts("127.0.0.1", port), { timeout: 60_000 }).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    expect(await accepts("::1", port)).toBe(false);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
