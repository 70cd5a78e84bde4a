"use client";

import Form from "next/form";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

const TYPING_PAUSE_MS = 350;

/**
 * A list's GET filter form (next/form: the URL holds the filters, a submit is a client-side navigation) that also
 * searches as you type: a choice (select, checkbox) applies at once, typing once the typist pauses. Enter and the
 * submit button still work, and without JavaScript it is a plain form. The inputs stay uncontrolled, so the
 * navigation re-renders the list without resetting what is being typed or moving focus; when the URL changes some
 * other way (a "Clear filters" link, Back), the fields follow it, except the one being typed in.
 */
export function FilterForm(props: React.ComponentProps<typeof Form>) {
  const form = useRef<HTMLFormElement>(null);
  const pending = useRef<number | undefined>(undefined);
  const params = useSearchParams();
  useEffect(() => () => window.clearTimeout(pending.current), []);
  useEffect(() => {
    if (form.current) showParams(form.current, params);
  }, [params]);
  return (
    <Form
      ref={form}
      scroll={false}
      {...props}
      onChange={(event) => {
        const form = event.currentTarget;
        const field = event.target as unknown;
        window.clearTimeout(pending.current);
        if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) return;
        const isChoice = field instanceof HTMLSelectElement || field.type === "checkbox" || field.type === "radio";
        if (isChoice) form.requestSubmit();
        // A value the field itself refuses (too long, a half-typed date) would only be refused again by the server.
        else if (field.checkValidity()) pending.current = window.setTimeout(() => form.requestSubmit(), TYPING_PAUSE_MS);
      }}
      onSubmit={(event) => {
        window.clearTimeout(pending.current);
        props.onSubmit?.(event);
      }}
    />
  );
}

function showParams(form: HTMLFormElement, params: URLSearchParams) {
  for (const field of Array.from(form.elements)) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement) || !field.name || field === document.activeElement) continue;
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) {
      field.checked = params.getAll(field.name).includes(field.value);
      continue;
    }
    const value = params.get(field.name);
    if (value !== null) field.value = value;
    // Absent from the URL: the select's "any" choice, or its first (the list's default order).
    else if (field instanceof HTMLSelectElement) field.selectedIndex = Math.max(0, Array.from(field.options).findIndex((option) => option.value === ""));
    else field.value = "";
  }
}
