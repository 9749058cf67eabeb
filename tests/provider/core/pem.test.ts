import fc from "fast-check";
import {
    certificateFacts,
    certificateFingerprint,
    describeKey,
    isSupportedKey,
    keyFacts,
    keyFingerprint,
    keyFingerprintIfValid,
    keyMatchesCertificate,
    normalizePem,
    parseCertificate,
    parseCertificateChain,
    parsePemBlocks,
    parsePrivateKey,
    PemError,
} from "../../../provider/core/pem";
import { makeCertificate, makeChain } from "../../fixtures/certificates";

/** Re-wraps the base64 of every block at `width` columns, with `eol` line endings and trailing spaces. */
function reformat(pem: string, width: number, eol: string, pad: string): string {
    return pem.replace(/-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/g, (_m, label: string, body: string) => {
        const b64 = body.replace(/\s+/g, "");
        const lines = b64.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
        return [`-----BEGIN ${label}-----`, ...lines.map((l) => l + pad), `-----END ${label}-----`].join(eol);
    });
}

function problemOf(fn: () => unknown): string | undefined {
    try {
        fn();
        return undefined;
    } catch (error) {
        expect(error).toBeInstanceOf(PemError);
        return (error as PemError).problem;
    }
}

describe("parsePemBlocks and normalizePem", () => {
    test("finds blocks among surrounding text, whatever the line endings", async () => {
        const { certificate } = await makeCertificate();
        const text = `Bag Attributes\r\n    friendlyName: x\r\n${certificate.replace(/\n/g, "\r\n")}trailing words`;
        const blocks = parsePemBlocks(text);
        expect(blocks).toHaveLength(1);
        expect(blocks[0].label).toBe("CERTIFICATE");
        expect(normalizePem(text)).toBe(certificate);
    });

    test("formatting never changes the normalized form (CRLF, wrapping, trailing whitespace)", async () => {
        const { chainPem } = await makeChain();
        const canonical = normalizePem(chainPem);
        fc.assert(
            fc.property(fc.integer({ min: 4, max: 120 }), fc.constantFrom("\n", "\r\n"), fc.constantFrom("", " ", "\t", "  "), (width, eol, pad) => {
                const variant = reformat(chainPem, width, eol, pad) + eol + pad;
                expect(normalizePem(variant)).toBe(canonical);
            }),
            { numRuns: 60 },
        );
    });

    test("normalized output is 64-column, LF-only, one trailing newline", async () => {
        const { certificate } = await makeCertificate();
        const normalized = normalizePem(reformat(certificate, 76, "\r\n", " "));
        expect(normalized).not.toContain("\r");
        expect(normalized.endsWith("-----\n")).toBe(true);
        for (const line of normalized.split("\n").filter((l) => !l.startsWith("-----") && l)) expect(line.length).toBeLessThanOrEqual(64);
    });

    test("a different certificate normalizes differently", async () => {
        const a = await makeCertificate();
        const b = await makeCertificate();
        expect(normalizePem(a.certificate)).not.toBe(normalizePem(b.certificate));
    });

    test("text without blocks is returned trimmed with LF endings", () => {
        expect(normalizePem("  hello\r\nworld  \n")).toBe("hello\nworld");
    });
});

describe("parseCertificateChain (chain policy)", () => {
    test("accepts a single leaf", async () => {
        const { certificate } = await makeCertificate();
        expect(parseCertificateChain(certificate)).toHaveLength(1);
    });

    test("accepts a leaf followed by its CA, leaf first", async () => {
        const { chainPem, leaf } = await makeChain();
        const chain = parseCertificateChain(chainPem);
        expect(chain).toHaveLength(2);
        expect(certificateFacts(chain[0]).serialNumber).toBe(leaf.serialNumber);
        expect(chain[1].ca).toBe(true);
    });

    test("rejects a CA certificate alone (not a leaf)", async () => {
        const { certificate } = await makeCertificate({ isCA: true });
        expect(problemOf(() => parseCertificateChain(certificate))).toBe("not-leaf");
    });

    test("rejects a CA first, even with a leaf after it", async () => {
        const { leaf, ca } = await makeChain();
        expect(problemOf(() => parseCertificateChain(ca.certificate + leaf.certificate))).toBe("not-leaf");
    });

    test("rejects two leaves", async () => {
        const a = await makeCertificate();
        const b = await makeCertificate();
        expect(problemOf(() => parseCertificateChain(a.certificate + b.certificate))).toBe("multiple-leaves");
    });

    test("rejects text that is not PEM, e.g. a file path", () => {
        expect(problemOf(() => parseCertificateChain("./client.pem"))).toBe("not-pem");
    });

    test("rejects a private key block in the certificate, without echoing it", async () => {
        const { certificate, privateKey } = await makeCertificate();
        let message = "";
        try {
            parseCertificateChain(certificate + privateKey);
        } catch (error) {
            message = (error as Error).message;
            expect((error as PemError).problem).toBe("unexpected-block");
        }
        expect(message).toContain("PRIVATE KEY");
        expect(message).not.toContain(privateKey.split("\n")[1]);
    });

    test("rejects a block whose body is not a certificate", () => {
        const bogus = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
        expect(problemOf(() => parseCertificateChain(bogus))).toBe("invalid-certificate");
    });
});

describe("parsePrivateKey and keyFingerprint", () => {
    test("the same key in PKCS#8, PKCS#1 and re-wrapped has one fingerprint", async () => {
        const pkcs8 = await makeCertificate({ keyEncoding: "pkcs8" });
        const pkcs1 = await makeCertificate({ keyEncoding: "pkcs1" });
        expect(pkcs1.privateKey).toContain("BEGIN RSA PRIVATE KEY");
        const fingerprint = keyFingerprint(pkcs8.privateKey);
        expect(keyFingerprint(pkcs1.privateKey)).toBe(fingerprint);
        expect(keyFingerprint(reformat(pkcs8.privateKey, 40, "\r\n", " "))).toBe(fingerprint);
        expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    });

    test("EC keys in SEC1 and PKCS#8 share a fingerprint; different keys differ", async () => {
        const sec1 = await makeCertificate({ keyType: "ec", keyEncoding: "sec1" });
        const pkcs8 = await makeCertificate({ keyType: "ec" });
        const other = await makeCertificate({ keyType: "ec", freshKey: true });
        expect(keyFingerprint(sec1.privateKey)).toBe(keyFingerprint(pkcs8.privateKey));
        expect(keyFingerprint(other.privateKey)).not.toBe(keyFingerprint(pkcs8.privateKey));
    });

    test("a certificate's public key has its private key's fingerprint", async () => {
        for (const options of [{}, { keyType: "ec" as const }]) {
            const made = await makeCertificate(options);
            expect(keyFingerprint(parseCertificate(made.certificate).publicKey)).toBe(keyFingerprint(made.privateKey));
            expect(keyFingerprintIfValid(made.privateKey)).toBe(keyFingerprint(made.privateKey));
        }
    });

    test("an encrypted key is refused with advice to decrypt", async () => {
        const { privateKey } = await makeCertificate({ passphrase: "secret-passphrase" });
        expect(problemOf(() => parsePrivateKey(privateKey))).toBe("encrypted-key");
        expect(() => parsePrivateKey(privateKey)).toThrow(/decrypt/);
        expect(keyFingerprintIfValid(privateKey)).toBeUndefined();
    });

    test("a legacy Proc-Type encrypted key is refused too", () => {
        const legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        expect(problemOf(() => parsePrivateKey(legacy))).toBe("encrypted-key");
    });

    test("refuses non-PEM, certificates, several keys and garbage", async () => {
        const { certificate, privateKey } = await makeCertificate();
        expect(problemOf(() => parsePrivateKey("not a key"))).toBe("not-pem");
        expect(problemOf(() => parsePrivateKey(certificate))).toBe("unexpected-block");
        expect(problemOf(() => parsePrivateKey(privateKey + privateKey))).toBe("multiple-keys");
        expect(problemOf(() => parsePrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))).toBe("invalid-key");
    });

    test("matches a key to its certificate", async () => {
        const mine = await makeCertificate({ keyType: "ec" });
        const other = await makeCertificate({ keyType: "ec", freshKey: true });
        const certificate = parseCertificate(mine.certificate);
        expect(keyMatchesCertificate(parsePrivateKey(mine.privateKey), certificate)).toBe(true);
        expect(keyMatchesCertificate(parsePrivateKey(other.privateKey), certificate)).toBe(false);
    });
});

describe("certificateFacts", () => {
    test("RSA leaf: validity, serial, key size, signature algorithm, fingerprint", async () => {
        const made = await makeCertificate({ daysUntilExpiry: 30, hash: "SHA-384" });
        const facts = certificateFacts(parseCertificate(made.certificate));
        expect(facts.isCA).toBe(false);
        expect(facts.keyType).toBe("rsa");
        expect(facts.keySize).toBe(2048);
        expect(facts.signatureAlgorithm).toBe("SHA384WithRSA");
        expect(facts.serialNumber.replace(/^0+/, "")).toBe(made.serialNumber.toLowerCase().replace(/^0+/, ""));
        expect(Math.abs(facts.notAfter.getTime() - made.notAfter.getTime())).toBeLessThan(1000);
        expect(facts.subject).toContain("origin.example.com");
        expect(facts.fingerprint).toBe(certificateFingerprint(made.certificate));
    });

    test("EC and Ed25519 keys, SHA-1 and ECDSA signatures, CA flag", async () => {
        const ec = certificateFacts(parseCertificate((await makeCertificate({ keyType: "ec", curve: "P-384" })).certificate));
        expect([ec.keyType, ec.curve, ec.signatureAlgorithm]).toEqual(["ec", "P-384", "ECDSAWithSHA256"]);
        const ed = certificateFacts(parseCertificate((await makeCertificate({ keyType: "ed25519" })).certificate));
        expect([ed.keyType, ed.signatureAlgorithm]).toEqual(["ed25519", "Ed25519"]);
        const sha1 = certificateFacts(parseCertificate((await makeCertificate({ hash: "SHA-1" })).certificate));
        expect(sha1.signatureAlgorithm).toBe("SHA1WithRSA");
        const ca = certificateFacts(parseCertificateChain((await makeChain()).chainPem)[1]);
        expect(ca.isCA).toBe(true);
    });

    test("the leaf fingerprint ignores formatting and the chain after it", async () => {
        const { chainPem, leaf } = await makeChain();
        expect(certificateFingerprint(chainPem)).toBe(certificateFingerprint(reformat(leaf.certificate, 50, "\r\n", "")));
    });
});

describe("supported keys", () => {
    test("RSA 2048+ and EC P-256/P-384 only", async () => {
        const facts = async (options: Parameters<typeof makeCertificate>[0]) =>
            keyFacts(parsePrivateKey((await makeCertificate(options)).privateKey));
        expect(isSupportedKey(await facts({ keyType: "rsa" }))).toBe(true);
        expect(isSupportedKey(await facts({ keyType: "ec", curve: "P-256" }))).toBe(true);
        expect(isSupportedKey(await facts({ keyType: "ec", curve: "P-384" }))).toBe(true);
        const weak = await facts({ keyType: "rsa", rsaBits: 1024 });
        expect(isSupportedKey(weak)).toBe(false);
        expect(describeKey(weak)).toBe("RSA 1024-bit");
        const p521 = await facts({ keyType: "ec", curve: "P-521" });
        expect(isSupportedKey(p521)).toBe(false);
        expect(describeKey(p521)).toBe("EC P-521");
        expect(isSupportedKey(await facts({ keyType: "ed25519" }))).toBe(false);
    });
});
