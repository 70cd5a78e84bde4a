import { renderToStaticMarkup } from "react-dom/server";
import { useForm, type FieldValues } from "react-hook-form";
import { describe, expect, test } from "vitest";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { errorMessages, Form, FormField } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { HeaderCell } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { plural } from "@/lib/format";
import { cn } from "@/lib/utils";

// The primitives as the server renders them: ids, aria attributes and messages, the parts e2e and axe rely on.

type Values = { name: string; namespaces: string[] };

/** A form whose fields have `errors` set (as applyFieldErrors or a failed resolver would) before they render. */
function Harness({ errors = {}, children }: { errors?: Record<string, string>; children: (form: ReturnType<typeof useForm<Values>>) => React.ReactNode }) {
  const form = useForm<Values>({ defaultValues: { name: "", namespaces: [] } });
  for (const [name, message] of Object.entries(errors)) form.setError(name as keyof Values, { message });
  return <Form {...form}>{children(form)}</Form>;
}

const render = (element: React.ReactElement) => {
  const html = renderToStaticMarkup(element);
  const document = new DOMParserLite(html);
  return { html, document };
};

/** Just enough of a DOM query for static markup: the attributes of the first element matching a tag and attribute. */
class DOMParserLite {
  constructor(readonly html: string) {}
  attributes(tag: string, where?: [string, string]): Record<string, string> | undefined {
    for (const match of this.html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>`, "g"))) {
      const attributes = Object.fromEntries([...(match[1] ?? "").matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? ""]));
      if (!where || attributes[where[0]] === where[1]) return attributes;
    }
    return undefined;
  }
  text(tag: string, where: [string, string]): string | undefined {
    const attributes = this.attributes(tag, where);
    if (!attributes) return undefined;
    const start = this.html.indexOf(`${where[0]}="${where[1]}"`);
    const open = this.html.indexOf(">", start) + 1;
    return this.html.slice(open, this.html.indexOf(`</${tag}>`, open)).replace(/<[^>]+>/g, "");
  }
}

function textField(errors?: Record<string, string>, props: Partial<React.ComponentProps<typeof TextField>> = {}) {
  return render(
    <Harness errors={errors}>
      {(form) => <FormField control={form.control} name="name" render={({ field }) => <TextField label="Name" hint="Up to 100 characters." {...props} {...field} />} />}
    </Harness>,
  ).document;
}

describe("TextField in a FormField", () => {
  test("label, hint and control are tied by id; no error, no aria-invalid", () => {
    const document = textField();
    const input = document.attributes("input")!;
    expect(input.id).toBeTruthy();
    expect(document.attributes("label")!.for).toBe(input.id);
    expect(input["aria-invalid"]).toBeUndefined();
    expect(input["aria-describedby"]).toBe(`${input.id}-hint`);
    expect(document.text("p", ["id", `${input.id}-hint`])).toBe("Up to 100 characters.");
    expect(document.attributes("p", ["id", `${input.id}-error`])).toBeUndefined();
    expect(input.name).toBe("name");
  });

  test("the field's error is shown under it, announced with it and marks it invalid", () => {
    const document = textField({ name: "A group with that name exists." });
    const input = document.attributes("input")!;
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"]).toBe(`${input.id}-hint ${input.id}-error`);
    expect(document.text("p", ["id", `${input.id}-error`])).toBe("A group with that name exists.");
  });

  test("another field's error stays with that field", () => {
    const document = textField({ namespaces: "Choose at most 50 namespaces" });
    expect(document.attributes("input")!["aria-invalid"]).toBeUndefined();
    expect(document.html).not.toContain("Choose at most 50 namespaces");
  });

  test("ids passed in aria-describedby come first; a given id is the control's", () => {
    const document = textField({ name: "Too common" }, { id: "password", "aria-describedby": "checklist-intro checklist", hint: undefined });
    const input = document.attributes("input")!;
    expect(input.id).toBe("password");
    expect(input["aria-describedby"]).toBe("checklist-intro checklist password-error");
    expect(document.attributes("label")!.for).toBe("password");
  });
});

describe("fields outside react-hook-form", () => {
  test("explicit errors (a server action's) are shown and announced", () => {
    const { document } = render(<TextField label="Email" name="email" errors={["Enter an email address"]} />);
    const input = document.attributes("input")!;
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"]).toBe(`${input.id}-error`);
    expect(document.text("p", ["id", `${input.id}-error`])).toBe("Enter an email address");
  });

  test("SelectField renders its placeholder first, and a caller's class wins over its own", () => {
    const { document } = render(
      <SelectField id="status" label="Status" name="status" placeholder="Any status" options={[{ value: "active", label: "Active" }]} className="w-auto" defaultValue="" />,
    );
    const select = document.attributes("select")!;
    expect(select.id).toBe("status");
    expect(select.class.split(" ")).toContain("w-auto");
    expect(select.class.split(" ")).not.toContain("w-full");
    expect(document.html).toMatch(/<option value="" selected="">Any status<\/option><option value="active">Active<\/option>/);
  });
});

describe("CheckboxList in a FormField", () => {
  test("the field's error is under the group and describes it", () => {
    const { document } = render(
      <Harness errors={{ namespaces: "Choose at least one namespace" }}>
        {(form) => (
          <FormField
            control={form.control}
            name="namespaces"
            render={({ field }) => <CheckboxList label="Namespaces" hint="A namespace includes everything below it." options={[{ value: "a", label: "a" }]} value={field.value} onChange={field.onChange} />}
          />
        )}
      </Harness>,
    );
    const fieldset = document.attributes("fieldset")!;
    const [hint, error] = fieldset["aria-describedby"].split(" ");
    expect(document.text("p", ["id", hint])).toBe("A namespace includes everything below it.");
    expect(document.text("p", ["id", error])).toBe("Choose at least one namespace");
    expect(fieldset["aria-invalid"]).toBeUndefined();
  });
});

describe("errorMessages", () => {
  test("own, root and array items' messages, each once", () => {
    expect(errorMessages(undefined)).toBeUndefined();
    expect(errorMessages({ type: "too_small", message: "Choose at least one permission" })).toEqual(["Choose at least one permission"]);
    expect(errorMessages({ root: { message: "Choose at most 50" } })).toEqual(["Choose at most 50"]);
    const items: FieldValues[] = [];
    items[1] = { message: "Unknown namespace" };
    items[3] = { message: "Unknown namespace" };
    items[4] = { message: "Too long" };
    expect(errorMessages(items)).toEqual(["Unknown namespace", "Too long"]);
  });
});

describe("variants and class merging", () => {
  test("cn: the later of two conflicting utilities wins; component classes pass through", () => {
    expect(cn("px-3 py-2", "py-1")).toBe("px-3 py-1");
    expect(cn("cell", false && "hidden", "whitespace-nowrap")).toBe("cell whitespace-nowrap");
    expect(buttonClasses("secondary", "py-1").split(" ")).toEqual(expect.arrayContaining(["py-1", "border", "bg-surface"]));
    expect(buttonClasses("secondary", "py-1").split(" ")).not.toContain("py-2");
  });

  test("Button is type=button unless told otherwise, and takes a variant", () => {
    const { document } = render(<Button variant="danger">Delete</Button>);
    const button = document.attributes("button")!;
    expect(button.type).toBe("button");
    expect(button.class.split(" ")).toContain("bg-danger");
    expect(render(<Button type="submit">Save</Button>).document.attributes("button")!.class.split(" ")).toContain("bg-action");
  });

  test("Badge keeps its component classes; HeaderCell actions names the column for screen readers", () => {
    expect(render(<Badge>Custom</Badge>).html).toBe('<span class="badge badge-neutral">Custom</span>');
    expect(render(<Badge tone="brand">Managed</Badge>).html).toBe('<span class="badge badge-brand">Managed</span>');
    expect(render(<HeaderCell actions />).html).toMatch(/^<th scope="col" class="[^"]+"><span class="sr-only">Actions<\/span><\/th>$/);
  });
});

test("plural", () => {
  expect(plural(1, "member")).toBe("1 member");
  expect(plural(0, "role binding")).toBe("0 role bindings");
  expect(plural(2, "user matches", "users match")).toBe("2 users match");
});
