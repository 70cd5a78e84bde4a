import { StatusPage } from "@/components/status-page";

export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found">
      <p>There is nothing here. Check the address, or pick a tenant from the console.</p>
    </StatusPage>
  );
}
