// Styles in app/globals.css (.badge, .badge-<tone>): a badge repeats on every row of a list.
export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
