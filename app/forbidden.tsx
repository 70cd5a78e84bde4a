import { StatusPage } from "@/components/status-page";

export default function Forbidden() {
  return (
    <StatusPage code="403" title="You don't have access to this page">
      <p>Your account is signed in but has not been granted access here. Ask an administrator if you need it.</p>
    </StatusPage>
  );
}
