import { grantSourceLabel } from "@/lib/iam/authz/binding-labels";
import { summarizeRows } from "@/lib/iam/authz/permission-summary";
import type { UserAccess } from "@/lib/iam/users/user-access";
import { EffectivePermissionMatrix } from "./effective-permission-matrix";

/**
 * How many scopes get a full matrix. A matrix is up to 92 cells, each naming its bindings; someone bound on dozens of
 * namespaces would otherwise get dozens of them (50 took ~50 ms to render), so the rest are one sentence each.
 */
export const MATRICES_SHOWN = 10;

interface EffectivePermissionsSectionProps {
  email: string;
  access: UserAccess;
  isSuperAdmin: boolean;
  isDisabled: boolean;
}

const whereOf = (namespace: string | null) => (namespace ? `On ${namespace}` : "Tenant-wide");

/** "What can this person do?": one matrix per scope they are bound on, tenant-wide first (docs/rules.md § Permissions 5–6). */
export function EffectivePermissionsSection({ email, access, isSuperAdmin, isDisabled }: EffectivePermissionsSectionProps) {
  const limitedTo = access.limitedTo?.join(", ");
  const matrices = access.effective.slice(0, MATRICES_SHOWN);
  const summaries = access.effective.slice(MATRICES_SHOWN);
  return (
    <section aria-labelledby="effective-heading" className="space-y-3">
      <h2 id="effective-heading" className="text-lg font-semibold text-slate-900">
        Effective permissions
      </h2>
      <p className="text-sm text-slate-600">
        What their roles allow, directly and through groups, in each namespace they are bound on. A namespace includes everything below it;
        point at a mark to see which roles grant it.
      </p>
      {isSuperAdmin && <p className="text-sm font-medium text-slate-800">Superadmin: they may do everything in every tenant, whatever their roles.</p>}
      {isDisabled && <p className="text-sm font-medium text-slate-800">Disabled: none of this applies until they are enabled again.</p>}
      {limitedTo && (
        <p className="text-sm text-slate-600">
          From the roles bound within {limitedTo} only. Roles bound tenant-wide or elsewhere need USER:READ tenant-wide to be seen.
        </p>
      )}
      {access.effective.length === 0 && <p className="text-sm text-slate-600">No permissions from roles{limitedTo ? ` within ${limitedTo}` : ""}.</p>}
      {matrices.map((scope) => (
        <div key={scope.namespace ?? ""} className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-800">{whereOf(scope.namespace)}</h3>
          <EffectivePermissionMatrix caption={`Effective permissions of ${email}: ${whereOf(scope.namespace).toLowerCase()}`} scope={scope} />
        </div>
      ))}
      {summaries.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-800">{summaries.length} more namespaces</h3>
          <ul className="space-y-2 text-sm text-slate-700">
            {summaries.map((scope) => (
              <li key={scope.namespace}>
                <span className="font-medium text-slate-900">{whereOf(scope.namespace)}:</span> {summarizeRows(scope.rows)}.{" "}
                <span className="text-slate-600">Granted by {scope.sources.map(grantSourceLabel).join("; ")}.</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
