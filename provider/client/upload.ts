/**
 * Upload without duplicates. A 5xx, reset or timeout on the POST leaves it unknown whether Cloudflare
 * stored the certificate, so instead of posting again blindly we list the zone and look for it.
 */
import { certificateFingerprint } from "../shared/pem";
import { isCloudflareError } from "./errors";
import {
    type CertificateStatus,
    type HostnameCertificateWire,
    listCertificates,
    uploadCertificate,
} from "./hostnameCertificates";
import type { CloudflareClient } from "./http";
import { backoffDelayMs, isRetryable, isRetryableWithoutSideEffects } from "./retry";

/** Statuses of a certificate on its way out; such a match is a tombstone, not our upload. */
export const LEAVING_STATUSES: ReadonlySet<CertificateStatus> = new Set(["pending_deletion", "deleted"]);

/** The upload failed in a way that leaves open whether the server stored the certificate. */
export function isAmbiguousFailure(error: unknown): boolean {
    return isCloudflareError(error) && isRetryable(error) && !isRetryableWithoutSideEffects(error);
}

function fingerprintOrUndefined(pem: string | undefined): string | undefined {
    if (pem === undefined) return undefined;
    try {
        return certificateFingerprint(pem);
    } catch {
        return undefined;
    }
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
    const matches = listing.certificates.filter((item) => fingerprintOrUndefined(item.certificate) === wanted);
    // Prefer a live certificate over a tombstone of the same PEM.
    return matches.find((item) => !LEAVING_STATUSES.has(item.status)) ?? matches[0];
}

export interface UploadResult {
    readonly certificate: HostnameCertificateWire;
    /** True when an ambiguous failure was resolved by finding the upload in the zone's list. */
    readonly reconciled: boolean;
}

/**
 * Uploads, and after an ambiguous failure lists the zone: if the certificate is there (and not a
 * tombstone) the upload happened; otherwise it is retried with backoff, within the client's
 * attempt budget and the deadline.
 */
export async function uploadReconciled(
    client: CloudflareClient,
    zoneId: string,
    body: { certificate: string; private_key: string },
    options: { deadline?: number; log?: (message: string) => void } = {},
): Promise<UploadResult> {
    const retry = client.retryOptions;
    for (let attempt = 1; ; attempt++) {
        try {
            return { certificate: await uploadCertificate(client, zoneId, body, options), reconciled: false };
        } catch (error) {
            if (!isAmbiguousFailure(error)) throw error;
            options.log?.(`Upload to zone ${zoneId} failed without a clear answer (${(error as Error).name}); checking whether Cloudflare stored it`);
            const found = await findCertificate(client, zoneId, body.certificate, options);
            if (found && !LEAVING_STATUSES.has(found.status)) return { certificate: found, reconciled: true };
            const delay = backoffDelayMs(attempt - 1, retry);
            const outOfTime = options.deadline !== undefined && retry.now() + delay >= options.deadline;
            if (attempt >= retry.maxAttempts || outOfTime) throw error;
            await retry.sleep(delay);
        }
    }
}
