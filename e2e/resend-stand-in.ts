import http from "node:http";
import { pathToFileURL } from "node:url";

// A local HTTP server speaking the part of Resend's API the app uses (POST /emails, POST /emails/batch), so tests
// exercise the real Resend SDK end to end. A stand-in because the real Resend cannot be reached from here.
// Test-only endpoints: GET /__emails (captured, oldest first), DELETE /__emails, POST /__faults
// {"failNext": n, "status": 500} to make the next n sends fail; with "to": "address", only the next n sends to that
// address (e2e specs run on several workers at once, and each fails only its own emails).

export interface CapturedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  receivedAt: string;
}

export interface ResendStandIn {
  url: string;
  emails: CapturedEmail[];
  /** Answer the next `count` sends with `status` (only those addressed to `to`, when given). */
  failNext(count: number, status?: number, to?: string): void;
  close(): Promise<void>;
}

function readJson(request: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}

function send(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

export function startResendStandIn(port = 0): Promise<ResendStandIn> {
  const emails: CapturedEmail[] = [];
  // Faults for any send, and faults for sends to one address (which take precedence for that address).
  const faults = { remaining: 0, status: 500 };
  const faultsTo = new Map<string, { remaining: number; status: number }>();
  const setFaults = (count: number, status: number, to?: string) => {
    if (to === undefined) Object.assign(faults, { remaining: count, status });
    else faultsTo.set(to.toLowerCase(), { remaining: count, status });
  };
  /** The fault that applies to a send to these recipients, if any, used up by one. */
  const takeFault = (recipients: string[]): { status: number } | undefined => {
    const addressed = recipients.map((to) => faultsTo.get(to.toLowerCase())).find((fault) => fault && fault.remaining > 0);
    const fault = addressed ?? (faults.remaining > 0 ? faults : undefined);
    if (fault) fault.remaining -= 1;
    return fault;
  };

  const capture = (payload: Record<string, unknown>): CapturedEmail => {
    const email = {
      id: `stand-in-${emails.length + 1}`,
      from: String(payload.from ?? ""),
      to: ([] as string[]).concat((payload.to as string | string[]) ?? []),
      subject: String(payload.subject ?? ""),
      html: String(payload.html ?? ""),
      text: String(payload.text ?? ""),
      receivedAt: new Date().toISOString(),
    };
    emails.push(email);
    return email;
  };

  const server = http.createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url ?? "/", "http://stand-in");
      if (request.method === "GET" && pathname === "/__emails") return send(response, 200, emails);
      if (request.method === "DELETE" && pathname === "/__emails") return send(response, 200, { deleted: emails.splice(0).length });
      if (request.method === "POST" && pathname === "/__faults") {
        const body = (await readJson(request)) as { failNext?: number; status?: number; to?: string };
        setFaults(body.failNext ?? 0, body.status ?? 500, body.to);
        return send(response, 200, { failNext: body.failNext ?? 0, status: body.status ?? 500, to: body.to });
      }
      if (request.method === "POST" && (pathname === "/emails" || pathname === "/emails/batch")) {
        if (!String(request.headers.authorization ?? "").startsWith("Bearer ")) {
          return send(response, 401, { name: "missing_api_key", message: "Missing API key in the authorization header.", statusCode: 401 });
        }
        const payload = await readJson(request);
        const recipients = (Array.isArray(payload) ? payload : [payload]).flatMap((email) => ([] as string[]).concat((email as { to?: string | string[] }).to ?? []));
        const fault = takeFault(recipients);
        if (fault) {
          return send(response, fault.status, { name: "internal_server_error", message: "Fault injected by a test.", statusCode: fault.status });
        }
        if (pathname === "/emails/batch") {
          const batch = (payload as Record<string, unknown>[]).map(capture);
          return send(response, 200, { data: batch.map((email) => ({ id: email.id })) });
        }
        return send(response, 200, { id: capture(payload as Record<string, unknown>).id });
      }
      send(response, 404, { name: "not_found", message: "Unknown endpoint", statusCode: 404 });
    } catch {
      send(response, 422, { name: "validation_error", message: "Invalid JSON body", statusCode: 422 });
    }
  });

  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`,
        emails,
        failNext(count, status = 500, to) {
          setFaults(count, status, to);
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startResendStandIn(Number(process.argv[2] ?? 3199)).then((standIn) => console.log(`Resend stand-in listening on ${standIn.url}`));
}
