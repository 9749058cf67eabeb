/**
 * The resource's outputs: the API's snake_case certificate object in camelCase, and the inputs
 * except the private key. Pulumi's Node.js SDK logs every resource's outputs at debug level, secrets
 * in plaintext, so the key never enters them; its fingerprint is what diff needs.
 */
import type { HostnameCertificateWire } from "../client/hostnameCertificates";
import { keyFingerprintIfValid } from "../core/pem";
import { pickInputs } from "./check";
import { type HostnameCertificateInputs, type HostnameCertificateOutputs, INPUT_NAMES, isUnknown } from "./types";

type Props = Record<string, unknown>;

/**
 * The key's fingerprint from a resource's inputs or outputs: the key's own when the key is known
 * (it is the evidence), else the recorded `privateKeyFingerprint`. Outputs that earlier versions wrote hold the
 * key itself and no fingerprint; outputs written since hold only the fingerprint. Undefined when
 * neither is known, e.g. in a preview whose key comes from a resource not created yet.
 */
export function keyFingerprintOf(props: Props): string | undefined {
    const key = props.privateKey;
    if (typeof key === "string" && !isUnknown(key)) return keyFingerprintIfValid(key);
    const recorded = props.privateKeyFingerprint;
    return typeof recorded === "string" && recorded !== "" && !isUnknown(recorded) ? recorded : undefined;
}

/** The inputs an output carries: all of them but the key, which its fingerprint stands for, and the `import` option. */
export function echoedInputs(props: Props): Omit<HostnameCertificateInputs, "privateKey" | "__import"> {
    const { privateKey: _key, privateKeyFingerprint: _recorded, __import: _import, ...inputs } = pickInputs(props);
    const fingerprint = keyFingerprintOf(props);
    return fingerprint === undefined ? inputs : { ...inputs, privateKeyFingerprint: fingerprint };
}

/**
 * Outputs for `certificate` as Cloudflare reports it, plus the inputs but the key. The `certificate`
 * output keeps the program's text (Cloudflare may reformat it), so a refresh shows no change.
 */
export function toOutputs(certificate: HostnameCertificateWire, inputs: HostnameCertificateInputs | HostnameCertificateOutputs | Props): HostnameCertificateOutputs {
    const echoed = echoedInputs(inputs as Props);
    return {
        ...echoed,
        certificate: echoed.certificate ?? certificate.certificate ?? "",
        privateKeyFingerprint: echoed.privateKeyFingerprint ?? "",
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

/** The stored outputs without the input properties (and without the `privateKey` earlier versions wrote): what an update carries over. */
export function computedOutputs(olds: Props): Props {
    return Object.fromEntries(Object.entries(olds).filter(([name]) => !NOT_COMPUTED.has(name)));
}
