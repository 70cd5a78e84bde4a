import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_ADMIN, emailsTo, expectNoAxeViolations, insertInvitation, invitationLinkFromEmail, signIn, sql } from "./helpers";

// "Ask for a new link" on an expired invitation (docs/rules.md § Invitations 14), the notice and one-click renewal
// on the Invitations tab, and the message a replaced link gives (§ Invitations 15).
const unique = Date.now().toString(36);
const NEUTRAL = "If this invitation can be renewed, whoever sent it has been told.";
const invitationIds: string[] = [];
const invitationsTable = (page: Page) => page.getByRole("table", { name: "Invitations to this tenant" });

test.afterAll(async () => {
  await sql(`DELETE FROM invitations WHERE id = ANY($1::uuid[])`, [invitationIds]);
});

test("an invitee asks for a new link on an expired invitation; the admin sees the request and renews it in one click", async ({ page, tenant, tenantName }) => {
  test.slow(); // the invitee's page, two emails through the outbox, the tab and the new link
  const email = `renew-${unique}@e2e.test`;
  // Expired a minute ago, sent by the e2e superadmin (a member of this worker's tenant, who may resend it).
  const { token, id } = await insertInvitation(tenant, email, { expiresAt: new Date(Date.now() - 60_000) });
  invitationIds.push(id);

  const response = await page.goto(`/invitations/${token}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Ask for a new link" }).click();
  await expect(page.getByText(NEUTRAL)).toHaveAttribute("role", "status");
  await expect(page.getByRole("button", { name: "Ask for a new link" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Asking again the same day answers the same and tells nobody again.
  await page.reload();
  await page.getByRole("button", { name: "Ask for a new link" }).click();
  await expect(page.getByText(NEUTRAL)).toBeVisible();

  const subject = `${email} asked for a new invitation link to ${tenantName}`;
  const requests = async () => (await emailsTo(E2E_ADMIN.email)).filter((sent) => sent.subject === subject);
  await expect.poll(async () => (await requests()).length, { message: "the renewal request email to the inviter" }).toBe(1);
  const [told] = await requests();
  const tabLink = /https?:\/\/[^\s"<>]+\/admin\/iam\/invitations\?renewal=requested/.exec(told.text)?.[0];
  expect(tabLink).toContain(`/${tenant}/admin/iam/invitations?renewal=requested`);
  expect(told.text).not.toContain(token);
  await page.waitForTimeout(1_000);
  expect(await requests()).toHaveLength(1);
  const entries = await sql<{ actor_email: string }>(
    `SELECT actor_email FROM audit_logs WHERE resource_id = $1 AND action = 'UPDATE' AND details LIKE 'Renewal requested%'`,
    [id],
  );
  expect(entries).toEqual([{ actor_email: "system" }]);

  // The admin follows the email's link, signs in, and lands on the requests.
  await page.goto(new URL(tabLink!).pathname + new URL(tabLink!).search);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/invitations\\?renewal=requested$`));
  await expect(page.getByText(/1 person asked for a new link\./)).toBeVisible();
  const row = invitationsTable(page).getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${email} asked for a new link`);
  // When it was asked, beside the row's sent and expiry times.
  await expect(row.locator("time")).toHaveCount(3);
  await expectNoAxeViolations(page);

  await row.getByRole("button", { name: `Renew the invitation for ${email}` }).click();
  const renewed = page.getByRole("dialog", { name: "Invitation renewed" });
  await expect(renewed.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const newLink = await renewed.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(newLink).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);
  await renewed.getByRole("button", { name: "Done" }).click();
  await expect(renewed).toBeHidden();

  // Renewing answered the request: it is gone from the filtered list, and the row is pending again.
  await expect(invitationsTable(page).getByRole("row").filter({ hasText: email })).toHaveCount(0);
  await expect(page.getByText("Nobody is waiting for a new link.")).toBeVisible();
  await page.getByRole("link", { name: "Show all invitations" }).click();
  const pendingRow = invitationsTable(page).getByRole("row").filter({ hasText: email });
  await expect(pendingRow).toContainText("Pending");
  await expect(pendingRow).not.toContainText("asked for a new link");

  // The invitee gets the new link by email; the old one now says a newer invitation was sent, and nothing more.
  expect(await invitationLinkFromEmail(email)).toBe(newLink);
  await page.goto(`/invitations/${token}`);
  await expect(page.getByRole("heading", { name: "This invitation link was replaced" })).toBeVisible();
  await expect(page.getByText("A newer invitation was sent to this address. Use the link in the most recent email.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(email);
  await expect(page.getByRole("button", { name: "Ask for a new link" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto(new URL(newLink).pathname);
  await expect(page.getByRole("heading", { name: "Accept invitation", level: 1 })).toBeVisible();
});
