/**
 * Real X.509 validation of an upload, with node:crypto. The checks run in the order a client is most
 * helped by: parse (1408) → leaf only (1412) → private key parses (2106) → key matches (2200) →
 * not expired (1490). The private key is only used here and is never stored.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";
import { isoSeconds } from "./clock";
import { signatureName } from "./der";
import { ApiError } from "../api/errors";

/** What the emulator keeps of an accepted upload. */
export interface ParsedCertificate {
    /** The uploaded PEM with trailing whitespace normalised to a single `\n`. */
    certificate: string;
    /** SHA-256 fingerprint of the leaf (identity for the duplicate rule). */
    fingerprint: string;
    issuer: string;
    /** Decimal, as Cloudflare shows it ("6743787633689793699141714808227354901"). */
    serial_number: string;
    signature: string;
    expires_on: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Validates an upload and extracts the fields of the certificate object.
 * A bundle (leaf followed by its issuers) is accepted; the first certificate must be the leaf.
 *
 * @param now emulator time in epoch ms, for the expiry check
 * @throws ApiError 1408, 1412, 2106, 2200 or 1490
 */
export function parseUpload(certificatePem: string, privateKeyPem: string, now: number): ParsedCertificate {
    const chain = parseChain(certificatePem);
    const leaf = chain[0];
    if (leaf.ca) throw ApiError.of("leafOnly");
    const key = parsePrivateKey(privateKeyPem);
    if (!keyMatches(leaf, key)) throw ApiError.of("keyMismatch");
    const notAfter = new Date(leaf.validTo).getTime();
    if (notAfter <= now) throw ApiError.of("expiredCertificate");
    return {
        certificate: normalizePem(certificatePem),
        fingerprint: leaf.fingerprint256,
        issuer: issuerName(leaf.issuer),
        serial_number: BigInt(`0x${leaf.serialNumber}`).toString(10),
        signature: signatureName(leaf.raw),
        expires_on: isoSeconds(notAfter),
    };
}

function parseChain(pem: string): X509Certificate[] {
    const blocks = pem.match(PEM_CERTIFICATE);
    if (!blocks) throw ApiError.of("unparsableCertificate");
    try {
        return blocks.map((block) => new X509Certificate(block));
    } catch {
        throw ApiError.of("unparsableCertificate");
    }
}

function parsePrivateKey(pem: string): KeyObject {
    // An encrypted key throws here too: Cloudflare cannot use a key it cannot decrypt.
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw ApiError.of("invalidPrivateKey");
    try {
        return createPrivateKey(pem);
    } catch {
        throw ApiError.of("invalidPrivateKey");
    }
}

function keyMatches(leaf: X509Certificate, key: KeyObject): boolean {
    try {
        return leaf.checkPrivateKey(key);
    } catch {
        return false; // e.g. an EC key against an RSA certificate
    }
}

/**
 * The issuer as Cloudflare shows it: the organisation ("GlobalSign"), else the common name, else the
 * whole distinguished name. node:crypto renders the DN one `KEY=value` per line.
 */
export function issuerName(dn: string): string {
    const fields = new Map<string, string>();
    for (const line of dn.split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0 && !fields.has(line.slice(0, eq))) fields.set(line.slice(0, eq), line.slice(eq + 1));
    }
    return fields.get("O") ?? fields.get("CN") ?? dn.replace(/\n/g, ", ");
}

/** Cloudflare may normalise trailing newlines of the PEM; the emulator always does. */
export function normalizePem(pem: string): string {
    return `${pem.replace(/\s+$/, "")}\n`;
}
