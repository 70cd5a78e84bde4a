"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/actions/result";
import { toFailure } from "@/lib/actions/run-action";
import { signOut } from "@/lib/auth/auth";
import { requestRelyingParty, secondStepSession } from "@/lib/auth/identity-proof";
import { passkeyProofOptions, proveIdentity } from "@/lib/iam/mfa/prove-identity";
import { requestClientAddress } from "@/lib/security/rate-limits";

// The second step of a sign-in (/login/verify). Only a session waiting for it may call these; the proof is checked,
// counted toward the account's lockout and recorded in the domain (lib/iam/mfa/prove-identity.ts).

export async function proveSecondStepAction(proof: unknown): Promise<ActionResult<{ recoveryCodesLeft?: number }>> {
  try {
    const session = await secondStepSession();
    const { recoveryCodesLeft } = await proveIdentity(session, proof, { purpose: "second-step", client: await requestClientAddress(), rp: await requestRelyingParty() });
    return { ok: true, data: { recoveryCodesLeft } };
  } catch (error) {
    return toFailure(error);
  }
}

export async function secondStepPasskeyOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  try {
    return { ok: true, data: await passkeyProofOptions(await secondStepSession(), await requestRelyingParty()) };
  } catch (error) {
    return toFailure(error);
  }
}

/** "Sign in as someone else": the half-finished sign-in ends. */
export async function cancelSecondStepAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
