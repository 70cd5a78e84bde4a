import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { plural } from "@/lib/format";
import { ownFactors } from "@/lib/iam/mfa/own-security";
import { requireActor } from "@/lib/auth/current-actor";
import { ssoConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/format";
import { getOwnAccount, listOwnSessions } from "@/lib/iam/account/account-reads";
import { ChangePasswordForm } from "./change-password-form";
import { LinkedAccounts } from "./linked-accounts";
import { ProfileForm } from "./profile-form";
import { SessionsTable } from "./sessions-table";

export const metadata = { title: "Your account" };

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-6">
      <div className="space-y-1">
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="text-sm text-slate-600">{description}</p>}
      </div>
      {children}
    </section>
  );
}

export default async function AccountPage() {
  const actor = await requireActor();
  const [account, sessions, factors] = await Promise.all([getOwnAccount(actor), listOwnSessions(actor), ownFactors(actor)]);
  const ssoLabel = ssoConfig()?.providerName ?? "Single sign-on";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Your account" description="Your profile, your password and where you are signed in." />

      <Section id="profile" title="Profile">
        <ProfileForm email={account.email} defaults={{ firstName: account.firstName, lastName: account.lastName }} />
        <div className="text-sm text-slate-700">
          <h3 className="font-medium text-slate-900">Tenants</h3>
          {account.isSuperAdmin && <p>You are a superadmin: you can open every tenant.</p>}
          {account.tenants.length ? (
            <ul className="mt-1 list-inside list-disc">
              {account.tenants.map((tenant) => (
                <li key={tenant.id}>{tenant.name}</li>
              ))}
            </ul>
          ) : (
            <p>You belong to no tenant yet.</p>
          )}
        </div>
      </Section>

      {account.hasPassword && (
        <Section
          id="password"
          title="Password"
          description={`${account.passwordChangedAt ? `Last changed ${formatDateTime(account.passwordChangedAt)}. ` : ""}Changing it signs out every other session.`}
        >
          <ChangePasswordForm email={account.email} />
        </Section>
      )}

      <Section
        id="two-factor"
        title="Two-factor authentication"
        description={
          factors.length
            ? `On: ${plural(factors.length, "factor")} (${factors.map((factor) => factor.name).join(", ")}).`
            : "Off: your password alone signs you in. Add an authenticator app or a passkey."
        }
      >
        <Link href="/account/security" className={buttonClasses("secondary")}>
          {factors.length ? "Manage two-factor authentication" : "Set up two-factor authentication"}
        </Link>
      </Section>

      <Section id="sessions" title="Active sessions" description="Where your account is signed in. Sign out any session you do not recognise.">
        <SessionsTable sessions={sessions} />
      </Section>

      <Section id="sign-in-methods" title="Sign-in methods">
        <LinkedAccounts
          hasPassword={account.hasPassword}
          accounts={account.linkedAccounts.map((linked) => ({
            id: linked.id,
            label: linked.provider === "oidc" ? ssoLabel : linked.provider,
            linkedAt: linked.linkedAt,
          }))}
        />
      </Section>
    </div>
  );
}
