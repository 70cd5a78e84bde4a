"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState } from "react";

/**
 * The tenant's navigation on phones (below 768 px): a menu button that opens it as a sheet from the left, where the
 * sidebar would leave too little room for the page. Following a link in it closes it.
 */
export function MobileNavigation({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger className="-ml-1 rounded-md p-1.5 text-slate-700 hover:bg-slate-100 md:hidden" aria-label="Open navigation">
        <Menu aria-hidden className="size-5" />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50 md:hidden" />
        <RadixDialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-2 overflow-y-auto bg-surface p-3 shadow-xl md:hidden">
          <div className="flex items-center justify-between px-3 pt-1">
            <RadixDialog.Title className="text-sm font-semibold text-slate-900">Navigation</RadixDialog.Title>
            <RadixDialog.Close aria-label="Close navigation" className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
              <X aria-hidden className="size-5" />
            </RadixDialog.Close>
          </div>
          <RadixDialog.Description className="sr-only">The sections of this tenant</RadixDialog.Description>
          {/* A click on a link inside closes the sheet; the link itself navigates. */}
          <div onClick={(event) => (event.target as HTMLElement).closest("a") && setOpen(false)}>{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
