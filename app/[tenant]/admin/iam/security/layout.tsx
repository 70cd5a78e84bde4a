import { sectionGuard } from "@/lib/auth/section-guard";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

export default sectionGuard((actor) => visibleSections(actor.principal, actor.tenantId).iamTabs.security);
