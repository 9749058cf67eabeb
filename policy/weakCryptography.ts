/**
 * `cloudflare-hostname-certificate-weak-cryptography` (mandatory): blocks certificates with keys or
 * signatures that are weak, or that Cloudflare does not accept.
 *
 * - The leaf certificate (the one Cloudflare presents) must use an allowed key type (RSA or ECDSA),
 *   an RSA key of at least `minRsaKeyBits`, an allowed curve, and a signature whose hash is not
 *   disallowed.
 * - CA certificates that follow the leaf in the PEM are held to the strength rules only (RSA size,
 *   signature hash): Cloudflare does not use their keys, but the origin verifies them. A self-signed
 *   root's own signature is not checked, since nothing relies on it.
 *
 * Key facts and signature algorithms come from the provider's parser (`provider/core/pem.ts`). A
 * signature whose name does not carry its hash (RSA-PSS, unknown OIDs) is not judged.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type CertificateFacts, describeKey } from "../provider/core/pem";
import { certificateUnderValidation, formatDistinguishedName, normalizeHashName, signatureHash } from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const WEAK_CRYPTOGRAPHY_POLICY_NAME = "cloudflare-hostname-certificate-weak-cryptography";

/**
 * Config of `cloudflare-hostname-certificate-weak-cryptography`.
 *
 * @example
 * { "cloudflare-hostname-certificate-weak-cryptography": { "minRsaKeyBits": 3072, "allowedCurves": ["P-384"] } }
 */
export interface WeakCryptographyArgs {
    /**
     * The smallest RSA modulus allowed, in bits (leaf and CA certificates).
     * @default 2048
     * @example 3072
     */
    minRsaKeyBits?: number;
    /**
     * Key types the leaf certificate may use, as node:crypto names them ("rsa", "ec", "ed25519", …).
     * @default ["rsa", "ec"]
     * @example ["ec"]
     */
    allowedKeyTypes?: string[];
    /**
     * Elliptic curves the leaf certificate may use.
     * @default ["P-256", "P-384"]
     * @example ["P-384"]
     */
    allowedCurves?: string[];
    /**
     * Signature hashes that are refused, in any spelling ("SHA-1", "sha1").
     * @default ["MD2", "MD4", "MD5", "SHA-1"]
     * @example ["MD5", "SHA-1", "SHA-224"]
     */
    disallowedSignatureHashes?: string[];
}

/** Defaults of {@link WeakCryptographyArgs}: what Cloudflare accepts, and no MD* or SHA-1 signatures. */
export const WEAK_CRYPTOGRAPHY_DEFAULTS = {
    minRsaKeyBits: 2048,
    allowedKeyTypes: ["rsa", "ec"],
    allowedCurves: ["P-256", "P-384"],
    disallowedSignatureHashes: ["MD2", "MD4", "MD5", "SHA-1"],
} as const;

const RSA_KEY_TYPES = new Set(["rsa", "rsa-pss"]);

function certificateLabel(certificate: CertificateFacts, index: number): string {
    return index === 0 ? "The leaf certificate" : `CA certificate ${index + 1} (${formatDistinguishedName(certificate.subject)})`;
}

function keyLabel(certificate: CertificateFacts, index: number): string {
    return index === 0 ? "The leaf certificate's key" : `The key of CA certificate ${index + 1} (${formatDistinguishedName(certificate.subject)})`;
}

/** Every weakness of one certificate of the chain (index 0 is the leaf), as full sentences. */
function weaknesses(certificate: CertificateFacts, index: number, config: Required<WeakCryptographyArgs>): string[] {
    const found: string[] = [];
    const isLeaf = index === 0;
    const key = describeKey(certificate);
    if (isLeaf && !config.allowedKeyTypes.some((type) => type.toLowerCase() === certificate.keyType)) {
        found.push(`${keyLabel(certificate, index)} is ${key}, not an allowed key type (allowedKeyTypes: ${config.allowedKeyTypes.join(", ")}).`);
    }
    if (RSA_KEY_TYPES.has(certificate.keyType) && (certificate.keySize ?? 0) < config.minRsaKeyBits) {
        found.push(`${keyLabel(certificate, index)} is ${key}, below the minimum of ${config.minRsaKeyBits} bits (minRsaKeyBits).`);
    }
    const curve = certificate.curve?.toUpperCase();
    if (isLeaf && curve !== undefined && !config.allowedCurves.some((allowed) => allowed.toUpperCase() === curve)) {
        found.push(`${keyLabel(certificate, index)} is ${key}, not an allowed curve (allowedCurves: ${config.allowedCurves.join(", ")}).`);
    }
    const selfSignedCA = certificate.isCA && certificate.subject === certificate.issuer;
    const hash = signatureHash(certificate.signatureAlgorithm);
    const disallowed = config.disallowedSignatureHashes.map(normalizeHashName);
    if (hash !== undefined && disallowed.includes(hash) && !selfSignedCA) {
        found.push(`${certificateLabel(certificate, index)} is signed with ${certificate.signatureAlgorithm}, and ${hash} signatures are disallowed (disallowedSignatureHashes).`);
    }
    return found;
}

/**
 * Creates `cloudflare-hostname-certificate-weak-cryptography`. It does not depend on the time, so
 * it takes no clock.
 *
 * @example
 * new PolicyPack("certificates", { policies: [createWeakCryptographyPolicy()] });
 */
export function createWeakCryptographyPolicy(): ResourceValidationPolicy {
    return {
        name: WEAK_CRYPTOGRAPHY_POLICY_NAME,
        displayName: "Hostname certificate weak cryptography",
        description: "Checks that a Cloudflare hostname certificate uses a key type, key size, curve and signature hash that are strong and that Cloudflare accepts.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Issue a new certificate with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key, signed with SHA-256 or stronger.",
        configSchema: {
            properties: {
                minRsaKeyBits: {
                    type: "integer",
                    minimum: 1024,
                    default: WEAK_CRYPTOGRAPHY_DEFAULTS.minRsaKeyBits,
                    description: "The smallest RSA modulus allowed, in bits.",
                },
                allowedKeyTypes: {
                    type: "array",
                    items: { type: "string" },
                    default: [...WEAK_CRYPTOGRAPHY_DEFAULTS.allowedKeyTypes],
                    description: "Key types the leaf certificate may use (node:crypto names: rsa, ec, ed25519, ...).",
                },
                allowedCurves: {
                    type: "array",
                    items: { type: "string" },
                    default: [...WEAK_CRYPTOGRAPHY_DEFAULTS.allowedCurves],
                    description: "Elliptic curves the leaf certificate may use.",
                },
                disallowedSignatureHashes: {
                    type: "array",
                    items: { type: "string" },
                    default: [...WEAK_CRYPTOGRAPHY_DEFAULTS.disallowedSignatureHashes],
                    description: "Signature hashes that are refused (MD2, MD4, MD5, SHA-1, ...).",
                },
            },
        },
        validateResource: (args, reportViolation) => {
            const { chain } = certificateUnderValidation(args);
            const given = args.getConfig<WeakCryptographyArgs>();
            const config: Required<WeakCryptographyArgs> = {
                minRsaKeyBits: given.minRsaKeyBits ?? WEAK_CRYPTOGRAPHY_DEFAULTS.minRsaKeyBits,
                allowedKeyTypes: given.allowedKeyTypes ?? [...WEAK_CRYPTOGRAPHY_DEFAULTS.allowedKeyTypes],
                allowedCurves: given.allowedCurves ?? [...WEAK_CRYPTOGRAPHY_DEFAULTS.allowedCurves],
                disallowedSignatureHashes: given.disallowedSignatureHashes ?? [...WEAK_CRYPTOGRAPHY_DEFAULTS.disallowedSignatureHashes],
            };
            chain.flatMap((certificate, index) => weaknesses(certificate, index, config)).forEach((message) => reportViolation(message));
        },
    };
}
