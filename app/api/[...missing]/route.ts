// Unknown API addresses answer a JSON 404 for every method. Without this route they would fall through to the
// console's tenant pages (app/[tenant]/[...missing]) and a script would be redirected to the sign-in page.
function notFound() {
  return Response.json({ status: 404, title: "Not Found", detail: "There is no API at this address." }, { status: 404, headers: { "Content-Type": "application/problem+json" } });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
