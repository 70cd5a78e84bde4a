import { sectionGuard } from "@/lib/auth/section-guard";
import { visibleSections } from "@/lib/iam/authz/visible-sections";

// In the (overview) route group so that its loading.tsx wraps the overview only: a loading boundary beside the IAM
// layout would wrap every tab's guard too, and a guard inside a streamed 200 could no longer answer with a 403.
export default sectionGuard((actor) => visibleSections(actor.principal, actor.tenantId).iamTabs.overview);
