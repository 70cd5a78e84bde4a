import { createHash, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createUser, E2E_ADMIN, expectNoAxeViolations, signIn, sql } from "./helpers";
import { MANAGED_ROLES } from "../lib/iam/authz/permissions";

// The IAM overview counts a whole tenant, so each test gets a tenant of its own, with `main`'s managed roles and
// namespaces and no members: the worker's tenant (e2e/fixtures.ts) also holds the users and invitations of every other
// test the worker runs. Its name sorts after "Main", so a superadmin signing in elsewhere still lands on `main`.

const stamp = Date.now().toString(36);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function createEmptyTenant(id: string) {
  await sql(
    `WITH tenant AS (INSERT INTO tenants (id, name) VALUES ($1, $2) RETURNING id),
     roles AS (
       INSERT INTO roles (id, tenant_id, name, name_key, name_skeleton, description, permissions, is_managed)
       SELECT gen_random_uuid(), (SELECT id FROM tenant), name, name_key, name_skeleton, description, permissions, is_managed
       FROM roles WHERE tenant_id = 'main' AND is_managed)
     INSERT INTO namespaces (tenant_id, name) SELECT (SELECT id FROM tenant), name FROM namespaces WHERE tenant_id = 'main'`,
    [id, `Overview ${id}`],
  );
}

interface InvitationTimes {
  created: Date;
  expires: Date;
  accepted?: Date;
  revoked?: Date;
  namespaces?: string[];
}

/**
 * An invitation with explicit times, written as UTC whatever the time zone of this process or the database (node-pg
 * would send a Date in local time, and a TIMESTAMP column drops the offset).
 */
async function insertTimedInvitation(tenant: string, email: string, times: InvitationTimes) {
  const utc = (date: Date | undefined) => date?.toISOString() ?? null;
  const [invitation] = await sql<{ id: string }>(
    `INSERT INTO invitations (id, tenant_id, email, token_hash, created_at, sent_at, expires_at, accepted_at, revoked_at, namespaces)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::timestamptz AT TIME ZONE 'UTC', $4::timestamptz AT TIME ZONE 'UTC',
             $5::timestamptz AT TIME ZONE 'UTC', $6::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC', $8)
     RETURNING id`,
    [tenant, email, createHash("sha256").update(randomBytes(32)).digest("hex"), utc(times.created), utc(times.expires), utc(times.accepted), utc(times.revoked), times.namespaces ?? []],
  );
  await sql(`INSERT INTO invitation_roles (invitation_id, role_id, namespaces) SELECT $1, id, $2 FROM roles WHERE tenant_id = $3 AND name = 'Viewer'`, [
    invitation.id,
    times.namespaces ?? [],
    tenant,
  ]);
}

/** "15 Jun": how the chart's table names a UTC day. */
const dayLabel = (date: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(date);

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

const countLink = (page: Page, count: number, label: string) => page.getByRole("link", { name: `${count} ${label}`, exact: true });

test("the overview counts what the viewer may read, links to the filtered lists and gives the chart's numbers as a table", async ({ page, browser }) => {
  test.slow(); // two people, four pages, three axe scans
  const tenant = `ov-${stamp}`;
  await createEmptyTenant(tenant);

  // Four members, one with a confirmed second factor; two groups; the managed roles and one custom role.
  const [withFactor] = await Promise.all([1, 2, 3].map((n) => createUser(`ov-${stamp}-member${n}@e2e.test`, "overview-password-1", { tenant })));
  await sql(`INSERT INTO second_factors (id, user_id, kind, name, totp_secret, confirmed_at) VALUES (gen_random_uuid(), $1, 'TOTP', 'Phone', 'sealed', now())`, [withFactor]);
  await sql(`INSERT INTO groups (id, tenant_id, name) VALUES (gen_random_uuid(), $1, 'Ops'), (gen_random_uuid(), $1, 'Data')`, [tenant]);
  const readerEmail = `ov-${stamp}-reader@e2e.test`;
  const readerPassword = "overview-reader-password-1";
  const reader = await createUser(readerEmail, readerPassword, { tenant });
  const [role] = await sql<{ id: string }>(
    `INSERT INTO roles (id, tenant_id, name, permissions) VALUES (gen_random_uuid(), $1, 'Invitation reader', '{"INVITATION": ["READ"]}') RETURNING id`,
    [tenant],
  );
  await sql(`INSERT INTO bindings (id, tenant_id, type, user_id, role_id, namespace) VALUES (gen_random_uuid(), $1, 'USER', $2, $3, 'company')`, [tenant, reader, role.id]);

  // Invitations at known UTC days: "today" events one second after midnight, earlier ones at noon.
  const now = Date.now();
  const today = new Date(Math.floor(now / DAY) * DAY);
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY + 12 * HOUR);
  const todayEarly = new Date(today.getTime() + 1000);
  const email = (name: string) => `ov-${stamp}-${name}@e2e.test`;
  await insertTimedInvitation(tenant, email("soon-1"), { created: daysAgo(2), expires: new Date(now + 2 * HOUR) });
  await insertTimedInvitation(tenant, email("soon-2"), { created: daysAgo(2), expires: new Date(now + 2 * DAY) });
  await insertTimedInvitation(tenant, email("later"), { created: todayEarly, expires: new Date(now + 7 * DAY) });
  await insertTimedInvitation(tenant, email("on-company"), { created: daysAgo(1), expires: new Date(now + 5 * DAY), namespaces: ["company"] });
  await insertTimedInvitation(tenant, email("accepted"), { created: daysAgo(5), expires: new Date(now + 2 * DAY), accepted: todayEarly });
  await insertTimedInvitation(tenant, email("revoked"), { created: todayEarly, expires: new Date(now + 7 * DAY), revoked: todayEarly });
  await insertTimedInvitation(tenant, email("expired"), { created: daysAgo(10), expires: daysAgo(3) });
  await insertTimedInvitation(tenant, email("long-ago"), { created: daysAgo(40), expires: daysAgo(33) });

  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam`);

  const tabs = page.getByRole("navigation", { name: "IAM sections" });
  await expect(tabs.getByRole("link", { name: "Overview", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Users", exact: true })).not.toHaveAttribute("aria-current", "page");
  await expect(countLink(page, 4, "Members")).toBeVisible();
  await expect(countLink(page, 3, "Members without two-factor")).toBeVisible();
  await expect(countLink(page, 4, "Pending invitations")).toBeVisible();
  await expect(countLink(page, 2, "Invitations expiring within 3 days")).toBeVisible();
  await expect(countLink(page, 2, "Groups")).toBeVisible();
  await expect(countLink(page, MANAGED_ROLES.length + 1, "Roles")).toBeVisible();

  const outcomes = page.getByRole("region", { name: "Invitations in the last 30 days" });
  await expect(outcomes).toContainText("7 sent, 1 accepted, 1 expired, 1 revoked.");
  await expect(outcomes.locator("svg.recharts-surface")).toBeVisible();
  await outcomes.getByText("Show as table").click();
  const table = outcomes.getByRole("table", { name: "Invitations per day, last 30 days" });
  await expect(table.getByRole("row")).toHaveCount(1 + 30 + 1);
  const cellsOf = (day: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: day, exact: true }) }).getByRole("cell");
  // Sent, Accepted, Expired, Revoked.
  await expect(cellsOf(dayLabel(today))).toHaveText(["2", "1", "0", "1"]);
  await expect(cellsOf(dayLabel(daysAgo(1)))).toHaveText(["1", "0", "0", "0"]);
  await expect(cellsOf(dayLabel(daysAgo(2)))).toHaveText(["2", "0", "0", "0"]);
  await expect(cellsOf(dayLabel(daysAgo(3)))).toHaveText(["0", "0", "1", "0"]);
  await expect(cellsOf(dayLabel(daysAgo(5)))).toHaveText(["1", "0", "0", "0"]);
  await expect(cellsOf(dayLabel(daysAgo(10)))).toHaveText(["1", "0", "0", "0"]);
  await expect(cellsOf("Total")).toHaveText(["7", "1", "1", "1"]);
  await expectNoAxeViolations(page);

  // A count leads to the list it counts, filtered the same way.
  await countLink(page, 2, "Invitations expiring within 3 days").click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/invitations\\?status=EXPIRING_SOON$`));
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("EXPIRING_SOON");
  const invitations = page.getByRole("table", { name: "Invitations to this tenant" });
  await expect(invitations.getByRole("row")).toHaveCount(1 + 2);
  await expect(invitations).toContainText(email("soon-1"));
  await expect(invitations).toContainText(email("soon-2"));
  await expect(tabs.getByRole("link", { name: "Overview", exact: true })).not.toHaveAttribute("aria-current", "page");

  await page.goBack();
  await countLink(page, 3, "Members without two-factor").click();
  await expect(page).toHaveURL(new RegExp(`/${tenant}/admin/iam/users\\?mfa=off$`));
  await expect(page.getByRole("table", { name: "Users of this tenant" }).getByRole("row")).toHaveCount(1 + 3);

  // On a phone: nothing scrolls the page sideways, the chart included.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/${tenant}/admin/iam`);
  await expect(outcomes.locator("svg.recharts-surface")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await outcomes.getByText("Show as table").click();
  await expect(table).toBeVisible();
  await expectNoSidewaysScroll(page);

  // INVITATION:READ on company only: the invitation counts and chart within company, no count of what they may not read.
  const context = await browser.newContext();
  const theirs = await context.newPage();
  await theirs.goto("/login");
  await signIn(theirs, readerEmail, readerPassword);
  await expect(theirs).toHaveURL(new RegExp(`/${tenant}$`));
  await theirs.goto(`/${tenant}/admin/iam`);
  await expect(theirs.getByRole("navigation", { name: "IAM sections" }).getByRole("link")).toHaveText(["Overview", "Invitations"]);
  await expect(countLink(theirs, 1, "Pending invitations")).toBeVisible();
  await expect(countLink(theirs, 0, "Invitations expiring within 3 days")).toBeVisible();
  for (const label of ["Members", "Members without two-factor", "Groups", "Roles"]) {
    await expect(theirs.getByRole("link", { name: new RegExp(`^\\d+ ${label}$`) })).toHaveCount(0);
  }
  await expect(theirs.getByText("Invitations to company only")).toBeVisible();
  await expect(theirs.getByRole("region", { name: "Invitations in the last 30 days" })).toContainText("1 sent, 0 accepted, 0 expired, 0 revoked.");
  await expectNoAxeViolations(theirs);
  await context.close();
});

test("a tenant without invitations in 30 days shows the empty state instead of a chart", async ({ page }) => {
  const tenant = `ov-empty-${stamp}`;
  await createEmptyTenant(tenant);
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/main$/);
  await page.goto(`/${tenant}/admin/iam`);
  await expect(countLink(page, 0, "Pending invitations")).toBeVisible();
  const outcomes = page.getByRole("region", { name: "Invitations in the last 30 days" });
  await expect(outcomes).toContainText("No invitations in the last 30 days.");
  await expect(outcomes.getByText("Show as table")).toHaveCount(0);
  await expect(outcomes.locator("svg")).toHaveCount(0);
  await expectNoAxeViolations(page);
});
