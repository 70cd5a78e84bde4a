/** One password sign-in through Auth.js's own credentials endpoint (CSRF token, then the form POST): its answer. */
export async function signInRequest(baseUrl: string, email: string, password: string): Promise<Response> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfResponse);
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
}

/** Whether a sign-in answer set a session cookie (a failed one redirects to /login without it). */
export const signedIn = (response: Response) => cookiesOf(response).includes("session-token=");

// Signs in and returns the session cookie.
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await signInRequest(baseUrl, email, password);
  const session = cookiesOf(response)
    .split("; ")
    .find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${response.status}).`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
