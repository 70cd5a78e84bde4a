export default function Loading() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <p role="status" className="text-slate-600">
        Loading the invitation…
      </p>
    </main>
  );
}
