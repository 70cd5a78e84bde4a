"use client";

import { FieldFrame, FormControl } from "@/components/ui/field";
import { cn } from "@/lib/utils";

type SelectFieldProps = React.ComponentProps<"select"> & {
  label: string;
  options: { value: string; label: string }[];
  /** The first option, with the empty value ("Choose a role", "Any status"). */
  placeholder?: string;
  hint?: string;
  /** For forms without react-hook-form; inside <FormField> the field's own errors are shown. */
  errors?: string[];
};

/** A native select: keyboard and screen-reader behaviour for free. */
export function SelectField({ label, options, placeholder, hint, errors, id, className, "aria-describedby": describedBy, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <FormControl aria-describedby={describedBy}>
        <select className={cn("block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600", className)} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </FormControl>
    </FieldFrame>
  );
}
