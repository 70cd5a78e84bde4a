"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import QRCode from "qrcode";
import type { ActionResult } from "@/lib/actions/result";
import { toFailure } from "@/lib/actions/run-action";
import { accountActor } from "@/lib/auth/current-actor";
import { requestRelyingParty } from "@/lib/auth/identity-proof";
import {
  confirmTotpEnrolment,
  finishPasskeyRegistration,
  regenerateRecoveryCodes,
  removeOwnFactor,
  startPasskeyRegistration,
  startTotpEnrolment,
  type EnrolmentOutcome,
} from "@/lib/iam/mfa/enrolment";

// One's own second factors (/account/security). The domain functions act on the actor's own rows only and ask for
// a recent authentication (step-up) where the rules say so.

async function attempt<T>(perform: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await perform();
    revalidatePath("/account", "layout");
    return { ok: true, data };
  } catch (error) {
    return toFailure(error);
  }
}

/** The app's listing reads "IAM Console (host)": people with several consoles can tell them apart. */
async function issuer(): Promise<string> {
  return `IAM Console (${(await requestRelyingParty()).id})`;
}

export async function startTotpAction(): Promise<ActionResult<{ factorId: string; secret: string; qrCode: string }>> {
  return attempt(async () => {
    const { factorId, secret, uri } = await startTotpEnrolment(await accountActor(), { issuer: await issuer() });
    const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return { factorId, secret, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
  });
}

export async function confirmTotpAction(input: unknown): Promise<ActionResult<EnrolmentOutcome>> {
  return attempt(async () => confirmTotpEnrolment(await accountActor(), input));
}

export async function startPasskeyAction(): Promise<ActionResult<PublicKeyCredentialCreationOptionsJSON>> {
  try {
    return { ok: true, data: await startPasskeyRegistration(await accountActor(), await requestRelyingParty()) };
  } catch (error) {
    return toFailure(error);
  }
}

export async function finishPasskeyAction(input: unknown): Promise<ActionResult<EnrolmentOutcome>> {
  return attempt(async () => finishPasskeyRegistration(await accountActor(), input, await requestRelyingParty()));
}

export async function removeFactorAction(factorId: unknown): Promise<ActionResult<{ remaining: number }>> {
  return attempt(async () => removeOwnFactor(await accountActor(), factorId));
}

export async function regenerateRecoveryCodesAction(): Promise<ActionResult<string[]>> {
  return attempt(async () => regenerateRecoveryCodes(await accountActor()));
}
