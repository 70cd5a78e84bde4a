import { redirect } from "next/navigation";

export default async function IamPage({ params }: PageProps<"/[tenant]/admin/iam">) {
  const { tenant } = await params;
  redirect(`/${tenant}/admin/iam/users`);
}
