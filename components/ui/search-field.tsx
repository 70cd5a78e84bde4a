import { Search } from "lucide-react";

type SearchFieldProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "className"> & { id: string; label: string };

/** A labelled search box with its magnifier, for the GET forms that filter a list. */
export function SearchField({ id, label, ...input }: SearchFieldProps) {
  return (
    <div className="min-w-64 flex-1 space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-slate-500" />
        <input
          id={id}
          type="search"
          className="block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 pl-8 text-sm shadow-sm"
          {...input}
        />
      </div>
    </div>
  );
}
