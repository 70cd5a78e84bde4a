"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";

/** The "Superadmin" checkbox of the invite and create forms (their `superAdmin` field); shown to superadmins only. */
export function SuperAdminCheckbox() {
  const id = useId();
  const { register } = useFormContext<{ superAdmin: boolean }>();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-brand-600" aria-describedby={`${id}-hint`} {...register("superAdmin")} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          Superadmin
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          Manages the IAM of every tenant. Only superadmins can grant this.
        </p>
      </div>
    </div>
  );
}
