"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { FormField, FormItem, FormMessage } from "@/components/ui/form";

type SignInMethod = "SSO" | "ONE_TIME_PASSWORD";

/** "How they sign in" of the Create user form: single sign-on only (when configured) or a one-time password. */
export function SignInMethodField({ ssoName }: { ssoName: string | null }) {
  const id = useId();
  const { control } = useFormContext<{ signIn: SignInMethod }>();
  const options: { value: SignInMethod; label: string; hint: string; disabled?: boolean }[] = [
    {
      value: "SSO",
      label: ssoName ? `${ssoName} only` : "Single sign-on only",
      hint: ssoName
        ? `No password: they sign in with ${ssoName} using this email, which links the account.`
        : "Single sign-on isn't configured here.",
      disabled: !ssoName,
    },
    {
      value: "ONE_TIME_PASSWORD",
      label: "One-time password",
      hint: "Shown to you once. They must choose their own password at first sign-in.",
    },
  ];
  return (
    <FormField
      control={control}
      name="signIn"
      render={({ field }) => (
        <FormItem asChild className="space-y-2">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">How they sign in</legend>
            {options.map((option) => (
              <div key={option.value} className="flex items-start gap-2">
                <input
                  id={`${id}-${option.value}`}
                  type="radio"
                  name={field.name}
                  value={option.value}
                  checked={field.value === option.value}
                  disabled={option.disabled}
                  onChange={() => field.onChange(option.value)}
                  onBlur={field.onBlur}
                  aria-describedby={`${id}-${option.value}-hint`}
                  className="mt-0.5 size-4 accent-brand-600"
                />
                <div>
                  <label htmlFor={`${id}-${option.value}`} className={option.disabled ? "text-sm font-medium text-slate-500" : "text-sm font-medium text-slate-800"}>
                    {option.label}
                  </label>
                  <p id={`${id}-${option.value}-hint`} className="text-xs text-slate-600">
                    {option.hint}
                  </p>
                </div>
              </div>
            ))}
            <FormMessage role="alert" />
          </fieldset>
        </FormItem>
      )}
    />
  );
}
