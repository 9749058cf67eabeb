/** Maps the API's snake_case certificate object to the resource's camelCase outputs. */
import type { HostnameCertificateWire } from "../client/hostnameCertificates";
import { pickInputs } from "./check";
import { type HostnameCertificateInputs, type HostnameCertificateOutputs, INPUT_NAMES } from "./types";

/**
 * Outputs for `certificate` as Cloudflare reports it, plus the inputs. The `certificate` output keeps
 * the program's text (Cloudflare may reformat it), so a refresh shows no change.
 */
export function toOutputs(certificate: HostnameCertificateWire, inputs: HostnameCertificateInputs | Record<string, unknown>): HostnameCertificateOutputs {
    const picked = pickInputs(inputs as Record<string, unknown>);
    return {
        ...picked,
        certificate: picked.certificate ?? certificate.certificate ?? "",
        certificateId: certificate.id,
        status: certificate.status,
        issuer: certificate.issuer ?? "",
        serialNumber: certificate.serial_number ?? "",
        signature: certificate.signature ?? "",
        expiresOn: certificate.expires_on ?? "",
        uploadedOn: certificate.uploaded_on ?? "",
    };
}

const NOT_COMPUTED = new Set<string>([...INPUT_NAMES, "__provider"]);

/** The stored outputs without the input properties: what an update carries over unchanged. */
export function computedOutputs(olds: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(olds).filter(([name]) => !NOT_COMPUTED.has(name)));
}
