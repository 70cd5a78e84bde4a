"use client";

import { useEffect, useRef, useState } from "react";
import { PASSWORD_MAX_LENGTH } from "@/lib/iam/passwords/password-policy";

const COMMON_CHECK_DELAY_MS = 300;

/**
 * Length and "not containing the email" are computed in the browser as the user types; "not a common password" asks
 * the server (the list is large and server-only) through `check`, debounced, and only the answer for the current
 * password counts. undefined while that answer is pending.
 */
export function useIsCommonPassword(password: string, check: (password: string) => Promise<boolean>): boolean | undefined {
  const [answer, setAnswer] = useState<{ password: string; isCommon: boolean }>();
  // The latest `check`, without re-running the effect when a caller passes a new function each render.
  const checkRef = useRef(check);
  useEffect(() => {
    checkRef.current = check;
  });
  useEffect(() => {
    if (!password || password.length > PASSWORD_MAX_LENGTH) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      checkRef
        .current(password)
        .then((isCommon) => isCurrent && setAnswer({ password, isCommon }))
        .catch(() => isCurrent && setAnswer(undefined));
    }, COMMON_CHECK_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [password]);
  if (!password) return false;
  return answer?.password === password ? answer.isCommon : undefined;
}
