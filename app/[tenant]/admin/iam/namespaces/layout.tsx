import { sectionGuard } from "@/lib/auth/section-guard";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

// NAMESPACE:READ alone is a workload permission, so the registry also needs some IAM right (see visibleSections).
export default sectionGuard((actor) => visibleSections(actor.principal, actor.tenantId).iamTabs.namespaces);
