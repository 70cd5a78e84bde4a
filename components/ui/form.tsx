"use client";

import { Controller, FormProvider, type ControllerProps, type FieldPath, type FieldValues } from "react-hook-form";
import { FormFieldContext } from "@/components/ui/field";

export { errorMessages, FormControl, FormDescription, FormItem, FormLabel, FormMessage, useFieldMessages, useFormField } from "@/components/ui/field";

/**
 * react-hook-form bound through context (shadcn/ui's Form): `<Form {...form}>` around the <form>, then one
 * `<FormField control={form.control} name="…" render={({ field }) => <TextField label="…" {...field} />} />` per
 * field. The field's errors (the resolver's, and a server action's put there with applyFieldErrors) reach the
 * TextField, SelectField or CheckboxList through context: shown under it and tied to it with aria-describedby.
 */
export const Form = FormProvider;

/** A react-hook-form Controller whose field (name and error) the controls rendered inside it read. */
export function FormField<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
>({ render, ...props }: ControllerProps<TFieldValues, TName, TTransformedValues>) {
  return (
    <Controller
      {...props}
      render={(renderProps) => (
        <FormFieldContext value={{ name: props.name, error: renderProps.fieldState.error }}>{render(renderProps)}</FormFieldContext>
      )}
    />
  );
}
