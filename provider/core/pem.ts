/**
 * PEM parsing, normalization and fingerprints with node:crypto only. Pure functions: the provider's
 * check and diff use them, and so does the policy pack.
 *
 * Chain policy (what `certificate` may hold): one leaf certificate (CA:FALSE) first, optionally
 * followed by CA certificates (its intermediates), as Cloudflare accepts. Two leaves, or a CA
 * first, are rejected. Text outside the PEM blocks (e.g. OpenSSL "Bag Attributes") is ignored.
 *
 * Messages never include key material: only labels, counts, dates and algorithm names.
 */
import { createHash, createPrivateKey, createPublicKey, KeyObject, X509Certificate } from "node:crypto";
import { signatureAlgorithmName } from "./signatureAlgorithm";

/** One `-----BEGIN <label>-----` … `-----END <label>-----` block. */
export interface PemBlock {
    readonly label: string;
    /** RFC 1421 headers such as `Proc-Type` (legacy encrypted keys). */
    readonly headers: Readonly<Record<string, string>>;
    readonly der: Buffer;
}

export type PemProblem =
    | "not-pem"
    | "unexpected-block"
    | "invalid-certificate"
    | "not-leaf"
    | "multiple-leaves"
    | "chain-not-ca"
    | "invalid-key"
    | "multiple-keys"
    | "encrypted-key";

/** A PEM input that cannot be used; `problem` says which rule it broke. */
export class PemError extends Error {
    readonly code = "PEM_ERROR";
    constructor(
        readonly problem: PemProblem,
        message: string,
    ) {
        super(message);
        this.name = "PemError";
    }
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const PRIVATE_KEY_LABELS = new Set(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);

/** Finds every PEM block, whatever the line endings, wrapping or surrounding text. */
export function parsePemBlocks(text: string): PemBlock[] {
    const blocks: PemBlock[] = [];
    for (const match of text.matchAll(BLOCK)) {
        const headers: Record<string, string> = {};
        const body: string[] = [];
        for (const line of match[2].split(/\r?\n|\r/)) {
            const header = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
            if (header) headers[header[1]] = header[2];
            else body.push(line.replace(/\s+/g, ""));
        }
        blocks.push({ label: match[1], headers, der: Buffer.from(body.join(""), "base64") });
    }
    return blocks;
}

function encodeBlock(block: PemBlock): string {
    const lines = block.der.toString("base64").match(/.{1,64}/g) ?? [];
    const headers = Object.entries(block.headers).map(([k, v]) => `${k}: ${v}\n`);
    const separator = headers.length > 0 ? "\n" : "";
    return `-----BEGIN ${block.label}-----\n${headers.join("")}${separator}${lines.join("\n")}\n-----END ${block.label}-----\n`;
}

/**
 * Canonical PEM: LF endings, 64-column base64, no text outside blocks, one trailing newline. Two
 * inputs that differ only in formatting normalize to the same string. Text without any PEM block
 * is returned with line endings and surrounding whitespace normalized.
 */
export function normalizePem(text: string): string {
    const blocks = parsePemBlocks(text);
    if (blocks.length === 0) return text.replace(/\r\n?/g, "\n").trim();
    return blocks.map(encodeBlock).join("");
}

function describeLabels(blocks: PemBlock[]): string {
    return [...new Set(blocks.map((b) => b.label))].join(", ");
}

/**
 * Parses `certificate` under the chain policy above. Returns the leaf first, then any CA
 * certificates; throws {@link PemError} otherwise.
 */
export function parseCertificateChain(text: string): X509Certificate[] {
    const blocks = parsePemBlocks(text);
    if (blocks.length === 0) {
        throw new PemError("not-pem", "is not PEM: expected text starting with -----BEGIN CERTIFICATE----- (pass the file's contents, not its path)");
    }
    const others = blocks.filter((b) => b.label !== "CERTIFICATE");
    if (others.length > 0) {
        throw new PemError("unexpected-block", `contains ${describeLabels(others)} block(s): pass only CERTIFICATE blocks here (the key goes in privateKey)`);
    }
    const certificates = blocks.map((block, index) => {
        let certificate: X509Certificate;
        try {
            certificate = new X509Certificate(block.der);
            // Node parses some damaged certificates but throws on reading their key, or reads dates
            // that are not dates: fail here, not later.
            void certificate.publicKey;
            if (Number.isNaN(Date.parse(certificate.validFrom)) || Number.isNaN(Date.parse(certificate.validTo))) throw new Error("validity");
        } catch {
            throw new PemError("invalid-certificate", `block ${index + 1} is not a valid X.509 certificate: export it again as PEM`);
        }
        if (certificate.serialNumber.startsWith("-")) {
            throw new PemError("invalid-certificate", `block ${index + 1} has a negative serial number, which RFC 5280 forbids: issue a new certificate`);
        }
        return certificate;
    });
    checkChainOrder(certificates);
    return certificates;
}

function checkChainOrder(certificates: X509Certificate[]): void {
    const leaves = certificates.filter((c) => !c.ca).length;
    if (leaves > 1) {
        throw new PemError("multiple-leaves", `holds ${leaves} leaf certificates: pass one leaf certificate, optionally followed by its CA certificates`);
    }
    if (certificates[0].ca) {
        const hint = leaves === 1 ? "put the leaf certificate first, then its CA certificates" : "pass the leaf (client) certificate issued for your origin";
        throw new PemError("not-leaf", `starts with a CA certificate (CA:TRUE), and Cloudflare only accepts a leaf certificate (error 1412): ${hint}`);
    }
    if (certificates.slice(1).some((c) => !c.ca)) {
        throw new PemError("chain-not-ca", "has a non-CA certificate after the leaf: only CA certificates may follow it");
    }
}

/** The first (leaf) certificate of a PEM text that passed {@link parseCertificateChain}. */
export function parseCertificate(text: string): X509Certificate {
    return parseCertificateChain(text)[0];
}

export type KeyType = "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa" | "dh" | "x25519" | "x448" | "ml-dsa" | string;

/** Key algorithm and size, the part of a key that is safe to show. */
export interface KeyFacts {
    readonly keyType: KeyType;
    /** RSA modulus length in bits. */
    readonly keySize?: number;
    /** EC curve as "P-256", "P-384" or "P-521" (other curves by OpenSSL name). */
    readonly curve?: string;
}

/** What a certificate says about itself; everything here is public information. */
export interface CertificateFacts extends KeyFacts {
    readonly subject: string;
    readonly issuer: string;
    /** Lowercase hex, as in the certificate. */
    readonly serialNumber: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
    readonly isCA: boolean;
    /** e.g. "SHA256WithRSA", "ECDSAWithSHA256" (the dotted OID when unknown). */
    readonly signatureAlgorithm: string;
    /** SHA-256 of the DER certificate, lowercase hex. */
    readonly fingerprint: string;
}

const CURVES: Readonly<Record<string, string>> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

/** Algorithm and size of a key (private or public). */
export function keyFacts(key: KeyObject): KeyFacts {
    const details = key.asymmetricKeyDetails ?? {};
    const keyType = key.asymmetricKeyType ?? "unknown";
    return {
        keyType,
        ...(details.modulusLength !== undefined ? { keySize: details.modulusLength } : {}),
        ...(details.namedCurve !== undefined ? { curve: CURVES[details.namedCurve] ?? details.namedCurve } : {}),
    };
}

/** Facts about one certificate: validity, issuer, key and signature algorithm. */
export function certificateFacts(certificate: X509Certificate): CertificateFacts {
    return {
        subject: certificate.subject,
        issuer: certificate.issuer,
        serialNumber: certificate.serialNumber.toLowerCase(),
        notBefore: new Date(certificate.validFrom),
        notAfter: new Date(certificate.validTo),
        isCA: certificate.ca,
        signatureAlgorithm: signatureAlgorithmName(certificate.raw),
        fingerprint: certificate.fingerprint256.replace(/:/g, "").toLowerCase(),
        ...keyFacts(certificate.publicKey),
    };
}

/** SHA-256 of the leaf certificate's DER, lowercase hex: equal for the same certificate in any formatting. */
export function certificateFingerprint(text: string): string {
    return certificateFacts(parseCertificate(text)).fingerprint;
}

/** {@link certificateFingerprint} of a PEM, or undefined when it holds no readable certificate (e.g. a PEM Cloudflare reformatted badly). */
export function certificateFingerprintIfValid(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    try {
        return certificateFingerprint(text);
    } catch {
        return undefined;
    }
}

/** Parses an unencrypted private key (PKCS#8, PKCS#1 or SEC1 PEM); throws {@link PemError}. */
export function parsePrivateKey(text: string): KeyObject {
    const blocks = parsePemBlocks(text).filter((b) => b.label !== "EC PARAMETERS");
    const encrypted = blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY" || /ENCRYPTED/.test(b.headers["Proc-Type"] ?? ""));
    if (encrypted) {
        throw new PemError(
            "encrypted-key",
            "is encrypted with a passphrase, and Cloudflare needs the unencrypted key: decrypt it (openssl pkey -in key.pem -out plain.pem) and keep it as a secret (pulumi config set --secret)",
        );
    }
    if (blocks.length === 0) {
        throw new PemError("not-pem", "is not a PEM private key: expected text starting with -----BEGIN PRIVATE KEY----- (pass the file's contents, not its path)");
    }
    const others = blocks.filter((b) => !PRIVATE_KEY_LABELS.has(b.label));
    if (others.length > 0) {
        throw new PemError("unexpected-block", `contains ${describeLabels(others)} block(s): pass only the private key here`);
    }
    if (blocks.length > 1) throw new PemError("multiple-keys", `holds ${blocks.length} private keys: pass exactly one`);
    try {
        return createPrivateKey({ key: encodeBlock(blocks[0]), format: "pem" });
    } catch {
        throw new PemError("invalid-key", "could not be parsed as a PEM private key (PKCS#8, PKCS#1 or SEC1): export it again");
    }
}

/**
 * SHA-256 of the key's public half (SPKI DER), lowercase hex. The same key in PKCS#8, PKCS#1 or
 * SEC1, wrapped or not, has one fingerprint, and the fingerprint reveals nothing secret. A public
 * key (a certificate's `publicKey`) has the fingerprint of its private key.
 */
export function keyFingerprint(key: string | KeyObject): string {
    const keyObject = typeof key === "string" ? parsePrivateKey(key) : key;
    const publicKey = keyObject.type === "public" ? keyObject : createPublicKey(keyObject);
    const spki = publicKey.export({ format: "der", type: "spki" });
    return createHash("sha256").update(spki).digest("hex");
}

/** {@link keyFingerprint} of a private key PEM, or undefined when it is not one (check says why). */
export function keyFingerprintIfValid(text: string): string | undefined {
    try {
        return keyFingerprint(text);
    } catch {
        return undefined;
    }
}

/** Does this private key belong to this certificate? */
export function keyMatchesCertificate(key: KeyObject, certificate: X509Certificate): boolean {
    try {
        return certificate.checkPrivateKey(key);
    } catch {
        return false;
    }
}

/** Keys Cloudflare accepts for client certificates. */
export const SUPPORTED_KEYS = "RSA (2048 bits or more) or ECDSA (P-256 or P-384)";

/** True for RSA ≥ 2048 bits and EC P-256/P-384, the keys Cloudflare accepts. */
export function isSupportedKey(facts: KeyFacts): boolean {
    if (facts.keyType === "rsa") return (facts.keySize ?? 0) >= 2048;
    if (facts.keyType === "ec") return facts.curve === "P-256" || facts.curve === "P-384";
    return false;
}

/** "RSA 1024-bit", "EC P-521", "Ed25519": a key's description for messages. */
export function describeKey(facts: KeyFacts): string {
    if (facts.keyType === "rsa") return `RSA ${facts.keySize}-bit`;
    if (facts.keyType === "ec") return `EC ${facts.curve ?? "unknown curve"}`;
    if (facts.keyType === "ed25519") return "Ed25519";
    return facts.keyType.toUpperCase();
}
