"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import type { TenantSummary } from "@/lib/iam/tenants/tenant-membership";

/** Shows the current tenant; becomes a menu only when the user can open several. */
export function TenantSwitcher({ current, tenants }: { current: TenantSummary; tenants: TenantSummary[] }) {
  if (tenants.length < 2) {
    return <span className="rounded-md bg-slate-100 px-2 py-1 text-sm font-medium text-slate-700">{current.name}</span>;
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`Tenant: ${current.name}. Switch tenant`}
        className="flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-200"
      >
        {current.name}
        <ChevronsUpDown aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 min-w-48 rounded-lg border border-slate-200 bg-surface p-1 shadow-lg">
          {tenants.map((tenant) => (
            <DropdownMenu.Item key={tenant.id} asChild>
              <Link
                href={`/${tenant.id}`}
                className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100"
              >
                {tenant.name}
                {tenant.id === current.id && <Check aria-label="current tenant" className="size-4" />}
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
