/**
 * Reads a certificate's signature algorithm from its DER encoding. Node's X509Certificate does not
 * expose it, and it is the one field we need from the outer structure:
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, … }, … }.
 */

/** Names in the style Cloudflare reports in `signature` (e.g. "SHA256WithRSA"). */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
    "1.2.840.113549.1.1.4": "MD5WithRSA",
    "1.2.840.113549.1.1.5": "SHA1WithRSA",
    "1.2.840.113549.1.1.10": "RSAPSS",
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

interface Tlv {
    readonly tag: number;
    readonly start: number; // first content byte
    readonly end: number; // one past the last content byte
}

function readTlv(der: Buffer, offset: number): Tlv {
    const tag = der[offset];
    let length = der[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4) throw new Error("unsupported DER length");
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
        start += count;
    }
    if (tag === undefined || start + length > der.length) throw new Error("truncated DER");
    return { tag, start, end: start + length };
}

function decodeOid(bytes: Buffer): string {
    const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
    let value = 0;
    for (const byte of bytes.subarray(1)) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            parts.push(value);
            value = 0;
        }
    }
    return parts.join(".");
}

/** The signature algorithm's dotted OID, read from a DER certificate. */
export function signatureAlgorithmOid(der: Buffer): string {
    const certificate = readTlv(der, 0);
    const tbs = readTlv(der, certificate.start);
    const algorithm = readTlv(der, tbs.end);
    const oid = readTlv(der, algorithm.start);
    if (certificate.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) throw new Error("not an X.509 certificate");
    return decodeOid(der.subarray(oid.start, oid.end));
}

/** A readable name such as "SHA256WithRSA"; the dotted OID for algorithms not in the table. */
export function signatureAlgorithmName(der: Buffer): string {
    const oid = signatureAlgorithmOid(der);
    return SIGNATURE_ALGORITHMS[oid] ?? oid;
}
