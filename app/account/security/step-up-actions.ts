"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/actions/result";
import { toFailure } from "@/lib/actions/run-action";
import { requestRelyingParty, stepUpSession } from "@/lib/auth/identity-proof";
import { passkeyProofOptions, proofChoices, proveIdentity, type ProofChoices } from "@/lib/iam/mfa/prove-identity";
import { requestClientAddress } from "@/lib/security/rate-limits";

// Step-up in a signed-in session (docs/rules.md § Two-factor authentication 5): the "Confirm it's you" dialog and
// /account/verify. A success marks the session as authenticated now; the action that asked is then retried.

export async function stepUpChoicesAction(): Promise<ActionResult<ProofChoices>> {
  try {
    return { ok: true, data: await proofChoices((await stepUpSession()).userId) };
  } catch (error) {
    return toFailure(error);
  }
}

export async function stepUpAction(proof: unknown): Promise<ActionResult> {
  try {
    await proveIdentity(await stepUpSession(), proof, { purpose: "step-up", client: await requestClientAddress(), rp: await requestRelyingParty() });
    return { ok: true, data: null };
  } catch (error) {
    return toFailure(error);
  }
}

export async function stepUpPasskeyOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  try {
    return { ok: true, data: await passkeyProofOptions(await stepUpSession(), await requestRelyingParty()) };
  } catch (error) {
    return toFailure(error);
  }
}
