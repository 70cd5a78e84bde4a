import { notFound } from "next/navigation";

// Any address inside a tenant that matches no page: a 404 inside the console frame (app/[tenant]/not-found.tsx)
// for a signed-in member, rather than the bare page outside it. The tenant layout has checked access already.
export default function MissingPage() {
  notFound();
}
