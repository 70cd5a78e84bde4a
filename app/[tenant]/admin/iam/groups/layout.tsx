import { sectionGuard } from "@/lib/auth/section-guard";

export default sectionGuard("GROUP");
