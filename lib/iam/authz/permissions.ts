// Kestra's permission and action vocabulary (docs/rules.md § Permissions) and the managed roles every tenant starts with.
// Pure data, shared by the seed, the permission engine and the role editor.

export const PERMISSIONS = [
  "FLOW", "EXECUTION", "TEMPLATE", "NAMESPACE", "KVSTORE", "DASHBOARD", "SECRET", "CREDENTIAL", "GROUP", "ROLE",
  "BINDING", "AUDITLOG", "BLUEPRINT", "IMPERSONATE", "SETTING", "APP", "APPEXECUTION", "TEST", "USER",
  "SERVICE_ACCOUNT", "TENANT_ACCESS", "INVITATION", "GROUP_MEMBERSHIP",
] as const;

export const ACTIONS = ["CREATE", "READ", "UPDATE", "DELETE"] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Action = (typeof ACTIONS)[number];
export type PermissionSet = Partial<Record<Permission, Action[]>>;

const ALL: Action[] = [...ACTIONS];
const READ: Action[] = ["READ"];

function grant(permissions: readonly Permission[], actions: Action[]): PermissionSet {
  return Object.fromEntries(permissions.map((permission) => [permission, [...actions]]));
}

/** Permissions about the product's own resources, as opposed to identity and access management. */
const WORKLOAD: Permission[] = [
  "FLOW", "EXECUTION", "TEMPLATE", "NAMESPACE", "KVSTORE", "DASHBOARD", "BLUEPRINT", "APP", "APPEXECUTION", "TEST",
];

export interface ManagedRole {
  name: string;
  description: string;
  permissions: PermissionSet;
}

export const MANAGED_ROLES: ManagedRole[] = [
  {
    name: "Admin",
    description: "Everything in the tenant, including users, groups, roles, bindings and invitations.",
    permissions: grant(PERMISSIONS, ALL),
  },
  {
    name: "Developer",
    description: "Builds and runs workloads, manages secrets and credentials; no identity and access management.",
    permissions: { ...grant(WORKLOAD, ALL), ...grant(["SECRET", "CREDENTIAL"], ALL) },
  },
  {
    name: "Editor",
    description: "Edits flows, templates, namespaces, dashboards and apps; reads executions.",
    permissions: {
      ...grant(["FLOW", "TEMPLATE", "NAMESPACE", "KVSTORE", "DASHBOARD", "BLUEPRINT", "APP", "TEST"], ALL),
      ...grant(["EXECUTION", "APPEXECUTION"], READ),
    },
  },
  {
    name: "Launcher",
    description: "Starts executions of flows and apps, and reads what they need.",
    permissions: {
      ...grant(["FLOW", "NAMESPACE", "APP"], READ),
      ...grant(["EXECUTION", "APPEXECUTION"], ["CREATE", "READ"]),
    },
  },
  {
    name: "Viewer",
    description: "Reads workloads and their executions; changes nothing.",
    permissions: grant(WORKLOAD, READ),
  },
];
