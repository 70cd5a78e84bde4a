"use client";

import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { Check, ChevronsUpDown, LoaderCircle } from "lucide-react";
import { useId, useState } from "react";
import { FieldFrame, FormControl } from "@/components/ui/field";
import { cn } from "@/lib/utils";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line (a user's name under their email, a role's description). */
  hint?: string;
}

interface ComboboxFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ComboboxOption[];
  /** The button's text while nothing is chosen ("Choose a role"). */
  placeholder: string;
  searchLabel?: string;
  hint?: string;
  errors?: string[];
  /** Server-side search: called with what is typed; `options` are then the answer, shown as given (no local filter). */
  onSearch?: (query: string) => void;
  isSearching?: boolean;
  /** Under the list, e.g. "Showing 25 of 1,000: type to narrow". */
  status?: string;
  emptyText?: string;
  /** The option chosen before a search that no longer lists it, so the button can still name it. */
  selectedLabel?: string;
  onBlur?: () => void;
  name?: string;
  /** Focus the button when it mounts (the first field of a dialog). */
  autoFocus?: boolean;
}

/**
 * A searchable picker (cmdk's listbox inside a Radix popover, shadcn/ui's combobox): a button with role="combobox"
 * shows the choice; it opens a search box over a list, navigated with the arrow keys, chosen with Enter, closed with
 * Escape (focus back on the button). The list filters itself, or asks the server through `onSearch` when a tenant has
 * too many to send (thousands of users). Wrapped in the field frame, so label, hint and errors work as for any field.
 */
export function ComboboxField({
  label,
  value,
  onChange,
  options,
  placeholder,
  searchLabel = `Search ${label.toLowerCase()}`,
  hint,
  errors,
  onSearch,
  isSearching = false,
  status,
  emptyText = "Nothing matches.",
  selectedLabel,
  onBlur,
  name,
  autoFocus,
}: ComboboxFieldProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const listId = useId();
  const chosen = options.find((option) => option.value === value)?.label ?? (value ? selectedLabel : undefined);
  return (
    <FieldFrame label={label} hint={hint} errors={errors}>
      <Popover.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) onBlur?.();
        }}
      >
        <Popover.Trigger asChild>
          <FormControl>
            <button
              type="button"
              role="combobox"
              aria-expanded={open}
              aria-controls={open ? listId : undefined}
              aria-haspopup="listbox"
              name={name}
              autoFocus={autoFocus}
              className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-surface px-3 py-2 text-left text-sm shadow-sm aria-invalid:border-red-600"
            >
              <span className={cn("truncate", !chosen && "text-slate-600")}>{chosen ?? placeholder}</span>
              <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500" />
            </button>
          </FormControl>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={4}
            aria-label={label}
            // Above the dialog it usually sits in; as wide as its button, within the viewport on a phone.
            className="z-[60] w-[var(--radix-popover-trigger-width)] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-surface p-1 shadow-lg"
          >
            {/* cmdk names its search box after `label` and its listbox after the list's `label`. */}
            <Command shouldFilter={!onSearch} label={searchLabel} loop>
              <Command.Input
                value={query}
                onValueChange={(next) => {
                  setQuery(next);
                  onSearch?.(next);
                }}
                placeholder="Type to search…"
                className="mb-1 block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm"
              />
              <Command.List id={listId} label={label} className="max-h-64 overflow-y-auto">
                {isSearching && (
                  <Command.Loading>
                    <span className="flex items-center gap-2 px-2 py-1.5 text-sm text-slate-600">
                      <LoaderCircle aria-hidden className="size-4 animate-spin" />
                      Searching…
                    </span>
                  </Command.Loading>
                )}
                {!isSearching && <Command.Empty className="px-2 py-1.5 text-sm text-slate-600">{emptyText}</Command.Empty>}
                {options.map((option) => (
                  <Command.Item
                    key={option.value}
                    // cmdk filters and identifies items by this string: the label, plus the hint and the id so two
                    // options with one label stay distinct.
                    value={`${option.label} ${option.hint ?? ""} ${option.value}`}
                    onSelect={() => {
                      onChange(option.value);
                      setOpen(false);
                      setQuery("");
                    }}
                    className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-sm text-slate-800 data-[selected=true]:bg-slate-100"
                  >
                    <Check aria-hidden className={cn("mt-0.5 size-4 shrink-0", option.value === value ? "opacity-100" : "opacity-0")} />
                    <span className="min-w-0">
                      <span className="block [overflow-wrap:anywhere]">{option.label}</span>
                      {option.hint && <span className="block text-xs text-slate-600">{option.hint}</span>}
                    </span>
                  </Command.Item>
                ))}
              </Command.List>
              {status && (
                <p role="status" className="border-t border-slate-100 px-2 pt-1.5 text-xs text-slate-600">
                  {status}
                </p>
              )}
            </Command>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </FieldFrame>
  );
}
