import { Badge } from "@/components/ui/badge";
import type { GroupBindingRow } from "@/lib/iam/groups/group-reads";

/** A group's roles at a glance: "Developer · company.team"; a role without namespace applies tenant-wide. */
export function BindingBadges({ bindings }: { bindings: GroupBindingRow[] }) {
  if (bindings.length === 0) return <>—</>;
  return (
    <span className="flex flex-wrap gap-1">
      {bindings.map((binding) => (
        <Badge key={binding.id} tone={binding.namespace ? "neutral" : "brand"}>
          {binding.namespace ? `${binding.role} · ${binding.namespace}` : binding.role}
        </Badge>
      ))}
    </span>
  );
}
