export default function Loading() {
  return (
    <p role="status" className="py-10 text-center text-sm text-slate-600">
      Loading security settings…
    </p>
  );
}
