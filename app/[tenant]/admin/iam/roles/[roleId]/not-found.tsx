import { ResourceNotFound } from "@/components/resource-not-found";

export default function RoleNotFound() {
  return <ResourceNotFound title="Role not found" backLabel="Back to roles" section="admin/iam/roles" />;
}
