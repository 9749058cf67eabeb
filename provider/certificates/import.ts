/**
 * The `import` resource option: create adopts exactly the certificate it names instead of
 * uploading. It must be in the zone (Cloudflare's 1552 fails the import, naming the id and the zone),
 * be the certificate declared (the same leaf fingerprint; the key was checked against that
 * certificate), and end up `active` (waited for, within createTimeout, while it deploys). Nothing is
 * uploaded, and on any failure nothing is changed: the certificate stays as it was, outside the stack.
 */
import { ImportError } from "../client/errors";
import { certificatesPath } from "../client/hostnameCertificates";
import type { HostnameCertificateWire } from "../client/wire";
import { DEPLOYING_STATUSES, type HostnameCertificateInputs, LEAVING_STATUSES } from "../contract";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed } from "../core/duration";
import { certificateFingerprint, certificateFingerprintIfValid } from "../core/pem";
import type { OperationContext } from "../runtime/context";
import { progressLine } from "../runtime/progress";
import { type Observed, observe, type ObservedStatus, waitFor } from "./status";

/** Reads, checks and (while it deploys) waits for the certificate `id`; returns it once active, or throws `ImportError`. */
export async function importCertificate(
    ctx: OperationContext,
    inputs: HostnameCertificateInputs,
    id: string,
    deadline: number,
    started: number,
): Promise<HostnameCertificateWire> {
    const { zoneId } = inputs;
    const fail = (problem: string) => new ImportError(zoneId, id, `HostnameCertificate: ${problem}`, "GET", `${certificatesPath(zoneId)}/${id}`);
    const found = await observe(ctx, zoneId, id, deadline);
    if (found.status === "removed" || LEAVING_STATUSES.has(found.status)) {
        const what = found.status === "removed" ? "does not exist in zone" : `is ${found.status} in zone`;
        throw fail(
            `the \`import\` option names certificate ${id}, which ${what} ${zoneId}${found.status === "removed" ? " (Cloudflare: not found)" : ""}. ` +
                `Check the id and the zoneId (GET /zones/${zoneId}/origin_tls_client_auth/hostnames/certificates lists the zone's certificates); ` +
                `to upload the certificate instead, remove the \`import\` option.`,
        );
    }
    const certificate = found as HostnameCertificateWire;
    const theirs = certificateFingerprintIfValid(certificate.certificate);
    const ours = certificateFingerprint(inputs.certificate);
    if (theirs !== ours) {
        const seen = theirs === undefined ? "Cloudflare did not return a readable PEM for it" : `its leaf's SHA-256 fingerprint is ${theirs}, the declared one's ${ours}`;
        throw fail(
            `certificate ${id} in zone ${zoneId} is not the certificate this resource declares (${seen}). ` +
                `Declare that certificate's PEM and its key, or import the id of the certificate declared.`,
        );
    }
    const last = await settle(ctx, zoneId, certificate, deadline, started);
    if (last.status !== "active") {
        throw fail(
            `certificate ${id} in zone ${zoneId} is ${last.status}, not active, after ${formatElapsed(ctx.now() - started)} ` +
                `(createTimeout ${inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT}), so it was not imported and was left as it was: ` +
                (DEPLOYING_STATUSES.has(last.status) ? "run `pulumi up` again once it is active, or raise createTimeout." : "import a certificate that is active."),
        );
    }
    ctx.progress.warn(
        `HostnameCertificate: imported certificate ${id} (uploaded ${certificate.uploaded_on ?? "at an unreported time"}) from zone ${zoneId} without uploading it ` +
            `(the \`import\` resource option). This resource now manages it: destroying the resource deletes it. Remove the \`import\` option ` +
            `from the program now; that changes nothing.`,
    );
    return last;
}

/** The certificate once it no longer deploys (or the deadline passed), as last read. */
async function settle(ctx: OperationContext, zoneId: string, certificate: HostnameCertificateWire, deadline: number, started: number): Promise<Observed> {
    if (!DEPLOYING_STATUSES.has(certificate.status)) return certificate;
    ctx.progress.report(progressLine(certificate.id, certificate.status, ctx.now() - started));
    const until = (s: ObservedStatus) => !DEPLOYING_STATUSES.has(s);
    const result = await waitFor(ctx, { zoneId, id: certificate.id, deadline, until, initial: certificate.status, started });
    return result.value;
}
