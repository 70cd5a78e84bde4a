import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { pageActorWith } from "@/lib/auth/tenant-actor";
import { can } from "@/lib/iam/authz/engine";
import { listNamespaces } from "@/lib/iam/namespaces/namespace-registry";
import { AddNamespaceForm } from "./add-namespace-form";
import { DeleteNamespaceButton } from "./delete-namespace-button";

export const metadata = { title: "Namespaces" };

export default async function NamespacesPage({ params }: PageProps<"/[tenant]/admin/iam/namespaces">) {
  const { tenant } = await params;
  const actor = await pageActorWith(tenant, "NAMESPACE", "READ");
  const namespaces = await listNamespaces(actor);
  const mayAdd = can(actor.principal, "NAMESPACE", "CREATE", { tenant });
  const mayDelete = can(actor.principal, "NAMESPACE", "DELETE", { tenant });
  const columns = mayDelete ? 3 : 2;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        The namespaces role bindings and invitations can be restricted to. A binding on a namespace also covers the namespaces below it.
      </p>
      {mayAdd && <AddNamespaceForm tenant={tenant} />}
      <Table caption="Namespaces of this tenant">
        <thead>
          <tr>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Bindings</HeaderCell>
            {mayDelete && (
              <HeaderCell actions />
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {namespaces.length === 0 && <EmptyRow columns={columns}>No namespaces yet.</EmptyRow>}
          {namespaces.map((namespace) => (
            <tr key={namespace.name}>
              <Cell className="font-mono text-slate-900">{namespace.name}</Cell>
              <Cell>{namespace.bindingCount}</Cell>
              {mayDelete && (
                <Cell className="text-right">
                  <DeleteNamespaceButton tenant={tenant} name={namespace.name} />
                </Cell>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
