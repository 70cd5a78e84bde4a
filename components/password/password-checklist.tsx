import { CircleCheck, CircleDashed, CircleX } from "lucide-react";
import { checkPassword, type PolicyCheck } from "@/lib/iam/passwords/password-policy";

export type ChecklistItem = PolicyCheck & { isPending?: boolean };

/**
 * The password policy as a live list. Each item says its state in words as well as with an icon (never colour
 * alone), and the list is a polite live region so changes are announced as the user types.
 */
export function PasswordChecklist({ id, items }: { id: string; items: ChecklistItem[] }) {
  return (
    <div className="space-y-1 text-sm">
      <p id={`${id}-intro`} className="text-slate-700">
        Your new password needs:
      </p>
      <ul id={id} aria-live="polite" className="space-y-1">
        {items.map((item) => {
          const [Icon, state, tone] = item.isPending
            ? [CircleDashed, "checking…", "text-slate-600"]
            : item.isMet
              ? [CircleCheck, "met", "text-emerald-800"]
              : [CircleX, "not met", "text-slate-700"];
          return (
            <li key={item.id} className={`flex items-center gap-2 ${tone}`} data-met={item.isMet && !item.isPending}>
              <Icon aria-hidden className="size-4 shrink-0" />
              <span>
                {item.label}
                <span className="text-xs"> — {state}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The checklist's items for a password being typed: pending "common" while the server has not answered. */
export function checklistItems(password: string, email: string, isCommon: boolean | undefined): ChecklistItem[] {
  return checkPassword(password, email, isCommon ?? false).map((check) =>
    check.id === "common" && isCommon === undefined ? { ...check, isMet: false, isPending: true } : check,
  );
}
