import { ResourceNotFound } from "@/components/resource-not-found";

export default function UserNotFound() {
  return <ResourceNotFound title="User not found" backLabel="Back to users" section="admin/iam/users" />;
}
