/**
 * Just enough DER to read a certificate's outer `signatureAlgorithm`, which node:crypto's
 * X509Certificate does not expose. (The emulator ships without runtime dependencies beyond undici,
 * so @peculiar/x509 is not an option here.)
 */

interface Tlv {
    tag: number;
    /** Offset of the first content byte. */
    start: number;
    /** Offset just past the content. */
    end: number;
}

function readTlv(der: Uint8Array, offset: number): Tlv {
    const tag = der[offset];
    let length = der[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes === 0 || bytes > 4) throw new Error("unsupported DER length");
        length = 0;
        for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
        start += bytes;
    }
    const end = start + length;
    if (tag === undefined || end > der.length) throw new Error("truncated DER");
    return { tag, start, end };
}

function decodeOid(bytes: Uint8Array): string {
    const parts: number[] = [Math.floor(bytes[0] / 40), bytes[0] % 40];
    let value = 0;
    for (let i = 1; i < bytes.length; i++) {
        value = value * 128 + (bytes[i] & 0x7f);
        if ((bytes[i] & 0x80) === 0) {
            parts.push(value);
            value = 0;
        }
    }
    return parts.join(".");
}

const SEQUENCE = 0x30;
const OID = 0x06;

/** The OID of `Certificate.signatureAlgorithm` (RFC 5280 §4.1.1.2). */
export function signatureAlgorithmOid(der: Uint8Array): string {
    const certificate = readTlv(der, 0);
    if (certificate.tag !== SEQUENCE) throw new Error("not a DER certificate");
    const tbs = readTlv(der, certificate.start);
    const algorithm = readTlv(der, tbs.end);
    if (algorithm.tag !== SEQUENCE) throw new Error("missing signatureAlgorithm");
    const oid = readTlv(der, algorithm.start);
    if (oid.tag !== OID) throw new Error("missing signatureAlgorithm OID");
    return decodeOid(der.subarray(oid.start, oid.end));
}

/** Signature names in the style of Cloudflare's `signature` field ("SHA256WithRSA"). */
const SIGNATURE_NAMES: Record<string, string> = {
    "1.2.840.113549.1.1.4": "MD5WithRSA",
    "1.2.840.113549.1.1.5": "SHA1WithRSA",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
    "1.2.840.113549.1.1.11": "SHA256WithRSA",
    "1.2.840.113549.1.1.12": "SHA384WithRSA",
    "1.2.840.113549.1.1.13": "SHA512WithRSA",
    "1.2.840.10045.4.1": "ECDSAWithSHA1",
    "1.2.840.10045.4.3.2": "ECDSAWithSHA256",
    "1.2.840.10045.4.3.3": "ECDSAWithSHA384",
    "1.2.840.10045.4.3.4": "ECDSAWithSHA512",
    "1.3.101.112": "Ed25519",
    "1.3.101.113": "Ed448",
};

/** "SHA256WithRSA", "ECDSAWithSHA384", …; an unknown algorithm is reported by its OID. */
export function signatureName(der: Uint8Array): string {
    const oid = signatureAlgorithmOid(der);
    return SIGNATURE_NAMES[oid] ?? oid;
}
