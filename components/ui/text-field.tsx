import { useId } from "react";

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: React.ReactNode;
}

/** The ids a control points at with aria-describedby: its hint and its errors, when shown. */
function describedBy(id: string, hint?: string, errors?: string[]): string | undefined {
  return [hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/** Label above, hint and announced errors below, all tied to the control by id. */
function FieldFrame({ id, label, hint, errors, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const CONTROL = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-invalid:border-red-600";

type TextFieldProps = React.InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; hint?: string };

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function TextField({ label, errors, hint, id, className = "", ...input }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} errors={errors}>
      <input
        id={inputId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(inputId, hint, errors)}
        className={`${CONTROL} placeholder:text-slate-400 ${className}`}
        {...input}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; errors?: string[]; hint?: string };

export function TextAreaField({ label, errors, hint, id, className = "", ...textarea }: TextAreaFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} errors={errors}>
      <textarea
        id={inputId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(inputId, hint, errors)}
        className={`${CONTROL} ${className}`}
        {...textarea}
      />
    </FieldFrame>
  );
}
