"use client";

import { FieldFrame, FormControl } from "@/components/ui/field";
import { cn } from "@/lib/utils";

const CONTROL = "block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-invalid:border-red-600";

/**
 * `errors` are for forms without react-hook-form; inside <FormField> (components/ui/form.tsx) the field's own are
 * shown. `aria-describedby` adds to the hint and errors the control points at.
 */
interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[];
}

type TextFieldProps = React.ComponentProps<"input"> & FieldProps;

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function TextField({ label, errors, hint, id, className, "aria-describedby": describedBy, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <FormControl aria-describedby={describedBy}>
        <input className={cn(CONTROL, "placeholder:text-slate-400", className)} {...input} />
      </FormControl>
    </FieldFrame>
  );
}

type TextAreaFieldProps = React.ComponentProps<"textarea"> & FieldProps;

export function TextAreaField({ label, errors, hint, id, className, "aria-describedby": describedBy, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <FormControl aria-describedby={describedBy}>
        <textarea className={cn(CONTROL, className)} {...textarea} />
      </FormControl>
    </FieldFrame>
  );
}
