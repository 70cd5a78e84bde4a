import { ResourceNotFound } from "@/components/resource-not-found";

export default function GroupNotFound() {
  return <ResourceNotFound title="Group not found" backLabel="Back to groups" section="admin/iam/groups" />;
}
