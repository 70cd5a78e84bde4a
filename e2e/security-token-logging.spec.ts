import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { insertInvitation, sql } from "./helpers";

// Invitation tokens are credentials and must never reach the logs. scripts/test.ts names a file (E2E_SERVER_LOG) and
// playwright.config.ts tees everything the app server on E2E_PORT writes (stdout and stderr) into it; this spec
// accepts an invitation through the UI and then searches that output for the token, its hash and the new password.
const unique = Date.now().toString(36);
const serverLog = process.env.E2E_SERVER_LOG;
let invitationId: string | undefined;

test.afterAll(async () => {
  if (invitationId) await sql(`DELETE FROM invitations WHERE id = $1`, [invitationId]);
});

function readServerLog(): string {
  try {
    return readFileSync(serverLog!, "utf8");
  } catch {
    return "";
  }
}

/**
 * Makes the server log a line containing `marker` and waits until the file has it. Auth.js logs an unknown provider
 * id ("Provider with id "<marker>" not found"), which is the cheapest request that makes the app write something we
 * choose. Seeing the marker proves the capture works, and that everything logged before it has been flushed.
 */
async function logMarker(request: APIRequestContext, marker: string) {
  await request.get(`/api/auth/signin/${marker}`, { maxRedirects: 0 });
  await expect.poll(() => readServerLog().includes(marker), { message: `"${marker}" in ${serverLog}` }).toBe(true);
}

test("accepting an invitation leaves neither the token nor the new password in the server's output", async ({ page, request, tenant }) => {
  expect(serverLog, "E2E_SERVER_LOG is unset: run the e2e suite with `npm run test:e2e`").toBeTruthy();
  await logMarker(request, `capture-start-${unique}`);

  const email = `log-watch-${unique}@e2e.test`;
  const password = `lantern${unique}Meadow42quiet`;
  const { token, id } = await insertInvitation(tenant, email);
  invitationId = id;

  await page.goto(`/invitations/${token}`);
  await page.getByRole("textbox", { name: "First name" }).fill("Log");
  await page.getByRole("textbox", { name: "Last name" }).fill("Watcher");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}$`));
  // The used link, and a mangled one, take the error paths, which are where URLs usually end up in logs.
  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("heading", { name: /already been used/ })).toBeVisible();
  await page.goto(`/invitations/${token}x`);
  await expect(page.getByRole("heading", { name: /invalid/ })).toBeVisible();

  await logMarker(request, `capture-end-${unique}`);
  const output = readServerLog();
  expect(output).toContain(`capture-start-${unique}`);
  const secrets = {
    token,
    "token prefix": token.slice(0, 16),
    "token hash": createHash("sha256").update(token).digest("hex"),
    password,
  };
  for (const [name, secret] of Object.entries(secrets)) {
    expect(output.includes(secret), `the ${name} appears in the server's output (${serverLog})`).toBe(false);
  }
});
