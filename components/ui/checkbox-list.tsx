"use client";

import { useId, useState } from "react";
import { useFieldMessages } from "@/components/ui/field";

interface CheckboxListProps {
  /** The accessible name of the whole control, e.g. "Namespaces". */
  label: string;
  options: { value: string; label: string; hint?: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  hint?: string;
  /** For forms without react-hook-form; inside <FormField> (components/ui/form.tsx) the field's own errors are shown. */
  errors?: string[];
  emptyText?: string;
}

/**
 * Multi-select as a filterable group of checkboxes. Written by hand because a popover multi-select combobox
 * hides its options from keyboard and screen-reader users behind extra steps; this stays one Tab stop per
 * option, with native checkbox semantics.
 */
export function CheckboxList({ label, options, value, onChange, hint, errors, emptyText = "Nothing to choose from." }: CheckboxListProps) {
  const id = useId();
  const messages = useFieldMessages(errors);
  const [filter, setFilter] = useState("");
  const visible = options.filter((option) => option.label.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (optionValue: string, checked: boolean) =>
    onChange(checked ? [...value, optionValue] : value.filter((selected) => selected !== optionValue));
  return (
    <fieldset
      role="group"
      aria-labelledby={`${id}-legend`}
      aria-describedby={[hint && `${id}-hint`, messages && `${id}-error`].filter(Boolean).join(" ") || undefined}
      className="space-y-2"
    >
      <legend id={`${id}-legend`} className="text-sm font-medium text-slate-800">
        {label}
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {options.length > 8 && (
        <input
          type="search"
          aria-label={`Filter ${label.toLowerCase()}`}
          placeholder={`Filter ${label.toLowerCase()}…`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      )}
      <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
        {options.length === 0 && <p className="px-1 py-1 text-sm text-slate-600">{emptyText}</p>}
        {visible.map((option) => (
          <label key={option.value} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span className="text-slate-800">{option.label}</span>
            {option.hint && <span className="text-xs text-slate-600">{option.hint}</span>}
          </label>
        ))}
      </div>
      {messages && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {messages.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
