/**
 * Upload or adopt: the one place that decides what a create's POST leads to. Never a duplicate,
 * never a silent adoption:
 * - A 5xx, reset or timeout on the POST leaves it unknown whether Cloudflare stored the certificate,
 *   so instead of posting again blindly we list the zone and look for it. What we find counts as ours
 *   only with evidence: it was uploaded no earlier than our first unclear attempt.
 * - A 1406 (the identical certificate is already in the zone) is answered from the same list: a twin
 *   on its way out is waited out, our own (after an unclear attempt) is ours, and any other is adopted
 *   only through the recovery switch (`../runtime/adoption`).
 * Each failed POST lists the zone once, and every decision reads that one list.
 *
 * The `import` resource option adopts exactly the certificate it names instead, without a POST
 * (`./import.ts`).
 */
import { CertificateExistsError, hasCode, isCloudflareError } from "../client/errors";
import { certificatesPath, listCertificates, uploadCertificate } from "../client/hostnameCertificates";
import { backoffDelayMs, isRetryable, isRetryableWithoutSideEffects } from "../client/retry";
import type { CertificateUploadWire, HostnameCertificateWire } from "../client/wire";
import { DEPLOYING_STATUSES, type HostnameCertificateInputs, IMPORT_KEY, LEAVING_STATUSES } from "../contract";
import { formatElapsed } from "../core/duration";
import { certificateFingerprint, certificateFingerprintIfValid } from "../core/pem";
import { mayAdopt } from "../runtime/adoption";
import type { OperationContext } from "../runtime/context";
import { importCertificate } from "./import";
import { GONE_STATUSES, type ObservedStatus, waitFor } from "./status";

/**
 * How far this machine's clock may be ahead of Cloudflare's when judging whether a certificate found
 * after an ambiguous upload is the one we sent: one uploaded earlier than our request by more than
 * this is someone else's. NTP keeps clocks within a second; a minute leaves room for a poor one.
 * @default 60000
 */
export const UPLOAD_CLOCK_TOLERANCE_MS = 60_000;

/** How often create waits out a tombstone of the same certificate before giving up. */
const MAX_TOMBSTONE_WAITS = 3;

/** What the upload led to. */
export interface Uploaded {
    readonly certificate: HostnameCertificateWire;
    /**
     * `uploaded`: our POST's answer. `reconciled`: our upload, found in the zone's list after an
     * unclear failure. `adopted`: through the recovery switch, and `imported`: through the `import`
     * option; either was in the zone before this create, so a failed deployment leaves it there.
     */
    readonly origin: "uploaded" | "reconciled" | "adopted" | "imported";
}

/** The upload failed in a way that leaves open whether the server stored the certificate. */
export function isAmbiguousFailure(error: unknown): boolean {
    return isCloudflareError(error) && isRetryable(error) && !isRetryableWithoutSideEffects(error);
}

/** Evidence that `found` is our upload: Cloudflare stamped it no earlier than our request was sent (epoch ms). */
export function uploadedSince(found: HostnameCertificateWire, sentAt: number, toleranceMs = UPLOAD_CLOCK_TOLERANCE_MS): boolean {
    const uploaded = Date.parse(found.uploaded_on ?? "");
    return Number.isFinite(uploaded) && uploaded >= sentAt - toleranceMs;
}

/** The zone's certificate with the same leaf as `certificate` (any status, a live one first), from one list. */
export async function findTwin(ctx: OperationContext, zoneId: string, certificate: string, deadline?: number): Promise<HostnameCertificateWire | undefined> {
    const wanted = certificateFingerprint(certificate);
    const listing = await listCertificates(ctx.client, zoneId, { deadline });
    if (listing.dropped > 0) {
        ctx.progress.log(`The certificate list of zone ${zoneId} had ${listing.dropped} item(s) without a certificate id or status; they were ignored`);
    }
    const matches = listing.certificates.filter((item) => certificateFingerprintIfValid(item.certificate) === wanted);
    return matches.find((item) => !LEAVING_STATUSES.has(item.status)) ?? matches[0];
}

async function waitUntilGone(ctx: OperationContext, zoneId: string, twin: HostnameCertificateWire, deadline: number): Promise<void> {
    ctx.progress.log(`The identical certificate ${twin.id} is ${twin.status} in zone ${zoneId}; waiting until it is gone to upload again`);
    const until = (s: ObservedStatus) => GONE_STATUSES.has(s);
    const result = await waitFor(ctx, { zoneId, id: twin.id, deadline, until, initial: twin.status });
    if (!GONE_STATUSES.has(result.value.status)) {
        throw new Error(
            `The identical certificate ${twin.id} in zone ${zoneId} is still ${result.value.status} after ${formatElapsed(result.elapsedMs)}, ` +
                `so it cannot be uploaded again yet: wait until Cloudflare finishes deleting it, then run \`pulumi up\` again.`,
        );
    }
}

/** Adopts `twin` when the recovery switch names it (or says "true") and it can still serve; throws otherwise. */
function adoptThroughSwitch(ctx: OperationContext, zoneId: string, twin: HostnameCertificateWire): Uploaded {
    if (twin.status !== "active" && !DEPLOYING_STATUSES.has(twin.status)) {
        throw new Error(
            `The identical certificate ${twin.id} is already in zone ${zoneId} with status ${twin.status}, ` +
                `so it cannot be uploaded again: delete it (DELETE /zones/${zoneId}/origin_tls_client_auth/hostnames/certificates/${twin.id}) and run \`pulumi up\` again.`,
        );
    }
    if (!mayAdopt(ctx.adoption, twin.id)) throw new CertificateExistsError(zoneId, twin, "POST", certificatesPath(zoneId));
    ctx.progress.warn(
        `HostnameCertificate: adopting the identical certificate ${twin.id} (${twin.status}, uploaded ${twin.uploaded_on ?? "at an unreported time"}) ` +
            `already in zone ${zoneId}, as cloudflare:adoptExisting (CLOUDFLARE_ADOPT_EXISTING) allows. This resource now manages it: ` +
            `destroying the resource deletes that certificate. Unset the switch once the stack has recovered.`,
    );
    return { certificate: twin, origin: "adopted" };
}

/**
 * Uploads the certificate, or finds or adopts the one already in the zone. A failed POST that is
 * neither unclear nor a 1406 is thrown as is. After an unclear one, with no live twin listed,
 * nothing was stored: it posts again with backoff, within the client's attempt budget and the
 * deadline.
 */
export async function uploadOrAdopt(ctx: OperationContext, inputs: HostnameCertificateInputs, deadline: number, started = ctx.now()): Promise<Uploaded> {
    const { zoneId } = inputs;
    const importId = inputs[IMPORT_KEY];
    if (importId !== undefined) return { certificate: await importCertificate(ctx, inputs, importId, deadline, started), origin: "imported" };
    const body: CertificateUploadWire = { certificate: inputs.certificate, private_key: inputs.privateKey };
    const retry = ctx.client.retryOptions;
    let firstAmbiguousAt: number | undefined;
    for (let attempt = 1, tombstoneWaits = 0; ; attempt++) {
        const sentAt = retry.now();
        let failure: unknown;
        try {
            return { certificate: await uploadCertificate(ctx.client, zoneId, body, { deadline }), origin: "uploaded" };
        } catch (error) {
            failure = error;
        }
        const ambiguous = isAmbiguousFailure(failure);
        if (!ambiguous && !hasCode(failure, "duplicate")) throw failure;
        if (ambiguous) {
            firstAmbiguousAt ??= sentAt;
            ctx.progress.log(`Upload to zone ${zoneId} failed without a clear answer (${(failure as Error).name}); checking whether Cloudflare stored it`);
        }
        const twin = await findTwin(ctx, zoneId, inputs.certificate, deadline);
        if (twin && !LEAVING_STATUSES.has(twin.status)) {
            if (firstAmbiguousAt !== undefined && uploadedSince(twin, firstAmbiguousAt)) return { certificate: twin, origin: "reconciled" };
            return adoptThroughSwitch(ctx, zoneId, twin);
        }
        if (!ambiguous) {
            // A 1406 with the twin on its way out (or no longer listed).
            if (!twin) throw failure;
            if (tombstoneWaits >= MAX_TOMBSTONE_WAITS) return adoptThroughSwitch(ctx, zoneId, twin);
            await waitUntilGone(ctx, zoneId, twin, deadline);
            tombstoneWaits++;
            // A fresh start: what was unclear before the wait says nothing about what follows it.
            attempt = 0;
            firstAmbiguousAt = undefined;
            continue;
        }
        const delay = backoffDelayMs(attempt - 1, retry);
        const outOfTime = retry.now() + delay >= deadline;
        if (attempt >= retry.maxAttempts || outOfTime) throw failure;
        await retry.sleep(delay);
    }
}
