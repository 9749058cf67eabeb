/**
 * Upload without duplicates. A 5xx, reset or timeout on the POST leaves it unknown whether Cloudflare
 * stored the certificate, so instead of posting again blindly we list the zone and look for it. What
 * we find counts as ours only with evidence: it was uploaded no earlier than our request.
 */
import { certificateFingerprint, certificateFingerprintIfValid } from "../core/pem";
import { CertificateExistsError, hasErrorCode, isCloudflareError } from "./errors";
import {
    type CertificateStatus,
    certificatesPath,
    type HostnameCertificateWire,
    listCertificates,
    uploadCertificate,
} from "./hostnameCertificates";
import type { CloudflareClient } from "./http";
import { backoffDelayMs, isRetryable, isRetryableWithoutSideEffects } from "./retry";

/** Statuses of a certificate on its way out; such a match is a tombstone, not our upload. */
export const LEAVING_STATUSES: ReadonlySet<CertificateStatus> = new Set(["pending_deletion", "deleted"]);

/** Cloudflare's code for "this certificate already exists in this zone". */
export const DUPLICATE_CODES = [1406];

/**
 * How far this machine's clock may be ahead of Cloudflare's when judging whether a certificate found
 * after an ambiguous upload is the one we sent: one uploaded earlier than our request by more than
 * this is someone else's. NTP keeps clocks within a second; a minute leaves room for a poor one.
 * @default 60000
 */
export const UPLOAD_CLOCK_TOLERANCE_MS = 60_000;

/** The upload failed in a way that leaves open whether the server stored the certificate. */
export function isAmbiguousFailure(error: unknown): boolean {
    return isCloudflareError(error) && isRetryable(error) && !isRetryableWithoutSideEffects(error);
}

/** Evidence that `found` is our upload: Cloudflare stamped it no earlier than our request was sent (epoch ms). */
export function uploadedSince(found: HostnameCertificateWire, sentAt: number, toleranceMs = UPLOAD_CLOCK_TOLERANCE_MS): boolean {
    const uploaded = Date.parse(found.uploaded_on ?? "");
    return Number.isFinite(uploaded) && uploaded >= sentAt - toleranceMs;
}

/** The zone's certificate with the same leaf as `certificate` (any status), if there is one. */
export async function findCertificate(
    client: CloudflareClient,
    zoneId: string,
    certificate: string,
    options: { deadline?: number; log?: (message: string) => void } = {},
): Promise<HostnameCertificateWire | undefined> {
    const wanted = certificateFingerprint(certificate);
    const listing = await listCertificates(client, zoneId, { deadline: options.deadline });
    if (listing.dropped > 0) {
        options.log?.(`The certificate list of zone ${zoneId} had ${listing.dropped} item(s) without a certificate id or status; they were ignored`);
    }
    const matches = listing.certificates.filter((item) => certificateFingerprintIfValid(item.certificate) === wanted);
    // Prefer a live certificate over a tombstone of the same PEM.
    return matches.find((item) => !LEAVING_STATUSES.has(item.status)) ?? matches[0];
}

export interface UploadResult {
    readonly certificate: HostnameCertificateWire;
    /** True when an ambiguous failure was resolved by finding our upload in the zone's list. */
    readonly reconciled: boolean;
}

/**
 * Uploads. After an ambiguous failure it lists the zone: a live twin uploaded since that attempt is
 * our upload (`reconciled`); one uploaded before it is someone else's (`CertificateExistsError`);
 * none means nothing was stored, so it posts again with backoff, within the client's attempt budget
 * and the deadline. A 1406 after an ambiguous attempt is judged the same way. Any other failure,
 * a first-attempt 1406 included, is thrown as is.
 */
export async function uploadReconciled(
    client: CloudflareClient,
    zoneId: string,
    body: { certificate: string; private_key: string },
    options: { deadline?: number; log?: (message: string) => void } = {},
): Promise<UploadResult> {
    const retry = client.retryOptions;
    let firstAmbiguousAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
        const sentAt = retry.now();
        try {
            return { certificate: await uploadCertificate(client, zoneId, body, options), reconciled: false };
        } catch (error) {
            const ambiguous = isAmbiguousFailure(error);
            if (!ambiguous && !(firstAmbiguousAt !== undefined && hasErrorCode(error, ...DUPLICATE_CODES))) throw error;
            firstAmbiguousAt ??= sentAt;
            if (ambiguous) options.log?.(`Upload to zone ${zoneId} failed without a clear answer (${(error as Error).name}); checking whether Cloudflare stored it`);
            const found = await findCertificate(client, zoneId, body.certificate, options);
            if (found && !LEAVING_STATUSES.has(found.status)) {
                if (uploadedSince(found, firstAmbiguousAt)) return { certificate: found, reconciled: true };
                throw new CertificateExistsError(zoneId, found, "POST", certificatesPath(zoneId));
            }
            if (!ambiguous) throw error;
            const delay = backoffDelayMs(attempt - 1, retry);
            const outOfTime = options.deadline !== undefined && retry.now() + delay >= options.deadline;
            if (attempt >= retry.maxAttempts || outOfTime) throw error;
            await retry.sleep(delay);
        }
    }
}
