/**
 * The resource's outputs: the API's snake_case certificate object in camelCase, and the inputs
 * except the private key. Pulumi's Node.js SDK logs every resource's outputs at debug level, secrets
 * in plaintext, so the key never enters them; its fingerprint is what diff needs.
 */
import type { HostnameCertificateWire } from "../client/wire";
import { CERTIFICATE_INPUT_NAMES, type HostnameCertificateInputs, type HostnameCertificateOutputs, isUnknown, PROVIDER_KEY } from "../contract";
import { keyFingerprintIfValid } from "../core/pem";
import { pickInputs, type Unchecked } from "../runtime/inputs";

/**
 * Outputs as state holds them: those earlier versions wrote hold the key itself and no
 * fingerprint; those written since hold only the fingerprint.
 */
export type StoredOutputs = Omit<HostnameCertificateOutputs, "privateKeyFingerprint"> & {
    readonly privateKeyFingerprint?: string;
    readonly privateKey?: string;
};

/** What tells a key apart, as inputs (checked or not) and stored outputs carry it. */
export type KeyProps = Unchecked<Pick<HostnameCertificateInputs, "privateKey" | "privateKeyFingerprint">>;

/**
 * The key's fingerprint from a resource's inputs or outputs: the key's own when the key is known
 * (it is the evidence), else the recorded `privateKeyFingerprint`. Undefined when neither is known,
 * e.g. in a preview whose key comes from a resource not created yet.
 */
export function keyFingerprintOf(props: KeyProps): string | undefined {
    const key = props.privateKey;
    if (typeof key === "string" && !isUnknown(key)) return keyFingerprintIfValid(key);
    const recorded = props.privateKeyFingerprint;
    return typeof recorded === "string" && recorded !== "" && !isUnknown(recorded) ? recorded : undefined;
}

/** The inputs an output carries: all of them but the key, which its fingerprint stands for, and the `import` option. */
export function echoedInputs(props: HostnameCertificateInputs | StoredOutputs): Omit<HostnameCertificateInputs, "privateKey" | "__import"> {
    const { privateKey: _key, privateKeyFingerprint: _recorded, __import: _import, ...inputs } = pickInputs<HostnameCertificateInputs>(props, CERTIFICATE_INPUT_NAMES);
    const fingerprint = keyFingerprintOf(props);
    return fingerprint === undefined ? inputs : { ...inputs, privateKeyFingerprint: fingerprint };
}

/**
 * Outputs for `certificate` as Cloudflare reports it, plus the inputs but the key. The `certificate`
 * output keeps the program's text (Cloudflare may reformat it), so a refresh shows no change.
 */
export function toOutputs(certificate: HostnameCertificateWire, inputs: HostnameCertificateInputs | StoredOutputs): HostnameCertificateOutputs {
    const echoed = echoedInputs(inputs);
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

/** What Cloudflare reported, as the outputs hold it: what an update that makes no API call carries over. */
export type ComputedOutputs = Omit<HostnameCertificateOutputs, keyof HostnameCertificateInputs>;

const NOT_COMPUTED = new Set<string>([...CERTIFICATE_INPUT_NAMES, PROVIDER_KEY]);

/**
 * The stored outputs without the input properties (and without the `privateKey` earlier versions
 * wrote). Whatever else state holds is kept as it is, so a property an earlier version wrote is not
 * lost by an update that makes no API call.
 */
export function computedOutputs(olds: StoredOutputs): ComputedOutputs {
    const computed: Partial<Record<string, unknown>> = Object.fromEntries(Object.entries(olds).filter(([name]) => !NOT_COMPUTED.has(name)));
    return computed as ComputedOutputs;
}
