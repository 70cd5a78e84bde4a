"use client";

import { useId } from "react";

type CheckboxFieldProps = Omit<React.ComponentProps<"input">, "type"> & { label: string; hint?: string };

/** One labelled checkbox with a hint it is described by; `register(...)` or `checked`/`onChange` go straight to the input. */
export function CheckboxField({ label, hint, id: givenId, className, ...input }: CheckboxFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={className ? `flex items-start gap-2 ${className}` : "flex items-start gap-2"}>
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-brand-600" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
