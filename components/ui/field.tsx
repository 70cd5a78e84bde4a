"use client";

import { Slot } from "@radix-ui/react-slot";
import { createContext, use, useId } from "react";
import { cn } from "@/lib/utils";

/*
 * The parts of a labelled form control (shadcn/ui's Form pattern, in this console's look): <FormItem> gives the control
 * an id and knows its messages; <FormLabel>, <FormControl>, <FormDescription> and <FormMessage> read them, so label,
 * hint and errors are tied to the control by id without a form passing ids or errors around. Inside <FormField>
 * (components/ui/form.tsx) the messages are the react-hook-form field's; elsewhere a form without react-hook-form
 * (a server action's field errors) passes `errors`. Nothing here imports react-hook-form, so pages whose fields are
 * plain GET filters do not ship it.
 */

/** The react-hook-form field a <FormField> renders: its name and its error (nested for an array or object field). */
export interface FormFieldContextValue {
  name: string;
  error?: unknown;
}

export const FormFieldContext = createContext<FormFieldContextValue | null>(null);

/** Every message of a react-hook-form error: its own, its root's and, for an array field, its items'; once each. */
export function errorMessages(error: unknown): string[] | undefined {
  const found = new Set<string>();
  const collect = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    if ("message" in value && typeof value.message === "string" && value.message) found.add(value.message);
    if ("root" in value) collect(value.root);
    if (Array.isArray(value)) value.forEach(collect);
  };
  collect(error);
  return found.size ? [...found] : undefined;
}

/** The messages to show for a control: `errors` when given, else those of the enclosing <FormField>'s field. */
export function useFieldMessages(errors?: string[]): string[] | undefined {
  const field = use(FormFieldContext);
  return errors?.length ? errors : errorMessages(field?.error);
}

interface FormItemContextValue {
  id: string;
  messages?: string[];
  hasDescription: boolean;
}

const FormItemContext = createContext<FormItemContextValue | null>(null);

/** The ids and state of the enclosing <FormItem>'s control, for parts that point at one another. */
export function useFormField() {
  const field = use(FormFieldContext);
  const item = use(FormItemContext);
  if (!item) throw new Error("useFormField() is for the parts of a <FormItem>");
  return {
    name: field?.name,
    formItemId: item.id,
    formDescriptionId: `${item.id}-hint`,
    formMessageId: `${item.id}-error`,
    hasDescription: item.hasDescription,
    messages: item.messages,
    invalid: Boolean(item.messages?.length),
  };
}

type FormItemProps = React.ComponentProps<"div"> & {
  /** The control's id (generated when omitted); the description's and message's ids add `-hint` and `-error`. */
  controlId?: string;
  /** Messages from outside react-hook-form; inside <FormField> the field's errors are used. */
  errors?: string[];
  /** Whether the item renders a <FormDescription>, which the control then points at with aria-describedby. */
  hasDescription?: boolean;
  /** The one child element is the item (e.g. a fieldset), with its own classes, instead of a <div>. */
  asChild?: boolean;
};

export function FormItem({ controlId, errors, hasDescription = false, asChild = false, className, ...props }: FormItemProps) {
  const generatedId = useId();
  const id = controlId ?? generatedId;
  const messages = useFieldMessages(errors);
  const Item = asChild ? Slot : "div";
  return (
    <FormItemContext value={{ id, messages, hasDescription }}>
      <Item className={asChild ? className : cn("space-y-1", className)} {...props} />
    </FormItemContext>
  );
}

export function FormLabel({ className, ...props }: React.ComponentProps<"label">) {
  const { formItemId } = useFormField();
  return <label htmlFor={formItemId} className={cn("block text-sm font-medium text-slate-800", className)} {...props} />;
}

/**
 * Gives its one child the item's id, `aria-invalid` while there are messages, and `aria-describedby`: the ids passed
 * here first (e.g. a checklist the control is explained by), then the description, then the message.
 */
export function FormControl({ "aria-describedby": describedBy, ...props }: React.ComponentProps<typeof Slot>) {
  const { formItemId, formDescriptionId, formMessageId, hasDescription, invalid } = useFormField();
  return (
    <Slot
      id={formItemId}
      aria-invalid={invalid || undefined}
      aria-describedby={[describedBy, hasDescription && formDescriptionId, invalid && formMessageId].filter(Boolean).join(" ") || undefined}
      {...props}
    />
  );
}

export function FormDescription({ className, ...props }: React.ComponentProps<"p">) {
  const { formDescriptionId } = useFormField();
  return <p id={formDescriptionId} className={cn("text-xs text-slate-600", className)} {...props} />;
}

/** The item's messages, joined; nothing without any (children, if given, stand in while there are none). */
export function FormMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  const { formMessageId, messages } = useFormField();
  const body = messages?.length ? messages.join(" ") : children;
  if (!body) return null;
  return (
    <p id={formMessageId} className={cn("text-sm text-red-700", className)} {...props}>
      {body}
    </p>
  );
}

interface FieldFrameProps {
  id?: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** The <FormControl> around the control. */
  children: React.ReactNode;
}

/** Label above, hint and announced errors below, all tied to the control by id. */
export function FieldFrame({ id, label, hint, errors, children }: FieldFrameProps) {
  return (
    <FormItem controlId={id} errors={errors} hasDescription={Boolean(hint)}>
      <FormLabel>{label}</FormLabel>
      {children}
      {hint && <FormDescription>{hint}</FormDescription>}
      <FormMessage />
    </FormItem>
  );
}
