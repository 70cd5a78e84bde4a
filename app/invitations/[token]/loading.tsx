// The page's heading is there while the invitation loads, so the page always has its level-one heading (axe's
// page-has-heading-one; a screen reader lands on the same heading before and after).
export default function Loading() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="space-y-2 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Accept invitation</h1>
        <p role="status" className="text-slate-600">
          Loading the invitation…
        </p>
      </div>
    </main>
  );
}
