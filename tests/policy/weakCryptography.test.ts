/**
 * cloudflare-hostname-certificate-weak-cryptography (mandatory, preview-time, from the PEM): a
 * healthy RSA-2048/SHA-256 certificate broken one property at a time.
 */
import {
    createWeakCryptographyPolicy,
    WEAK_CRYPTOGRAPHY_DEFAULTS,
    WEAK_CRYPTOGRAPHY_POLICY_NAME,
} from "../../policy/weakCryptography";
import { makeCertificate } from "../fixtures/certificates";
import {
    certificateAt,
    certificateProps,
    createResourceValidationArgs,
    daysFrom,
    messages,
    NOW,
    type RelativeCertificateOptions,
    runResourcePolicy,
    schemaDefaults,
    UNKNOWN,
} from "./util";

const policy = createWeakCryptographyPolicy();

async function check(options: RelativeCertificateOptions, config: object = {}) {
    const generated = await certificateAt(options);
    return runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
}

describe(WEAK_CRYPTOGRAPHY_POLICY_NAME, () => {
    test("is mandatory, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-weak-cryptography");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({
            minRsaKeyBits: 2048,
            allowedKeyTypes: ["rsa", "ec"],
            allowedCurves: ["P-256", "P-384"],
            disallowedSignatureHashes: ["MD2", "MD4", "MD5", "SHA-1"],
        });
        expect(schemaDefaults(policy)).toEqual(WEAK_CRYPTOGRAPHY_DEFAULTS);
    });

    test("passes RSA 2048 with SHA-256, and ECDSA P-256 and P-384", async () => {
        expect(await check({ keyType: "rsa", rsaBits: 2048, hash: "SHA-256" })).toEqual({ violations: [] });
        expect(await check({ keyType: "ec", curve: "P-256" })).toEqual({ violations: [] });
        expect(await check({ keyType: "ec", curve: "P-384", hash: "SHA-384" })).toEqual({ violations: [] });
    });

    test("fails an RSA key under 2048 bits", async () => {
        expect(messages(await check({ rsaBits: 1024 }))).toEqual([
            "The leaf certificate's key is RSA 1024-bit, below the minimum of 2048 bits (minRsaKeyBits).",
        ]);
    });

    test("fails a SHA-1 signature", async () => {
        expect(messages(await check({ hash: "SHA-1" }))).toEqual([
            "The leaf certificate is signed with SHA1WithRSA, and SHA-1 signatures are disallowed (disallowedSignatureHashes).",
        ]);
    });

    test("fails a curve Cloudflare does not accept", async () => {
        expect(messages(await check({ keyType: "ec", curve: "P-521", hash: "SHA-512" }))).toEqual([
            "The leaf certificate's key is EC P-521, not an allowed curve (allowedCurves: P-256, P-384).",
        ]);
    });

    test("fails a key type Cloudflare does not accept", async () => {
        expect(messages(await check({ keyType: "ed25519" }))).toEqual([
            "The leaf certificate's key is Ed25519, not an allowed key type (allowedKeyTypes: rsa, ec).",
        ]);
    });

    test("reports every weakness of one certificate", async () => {
        expect(messages(await check({ keyType: "ec", curve: "P-521", hash: "SHA-1" }))).toEqual([
            expect.stringContaining("not an allowed curve"),
            expect.stringContaining("ECDSAWithSHA1, and SHA-1 signatures are disallowed"),
        ]);
    });

    test("thresholds come from config", async () => {
        expect(messages(await check({ rsaBits: 2048 }, { minRsaKeyBits: 3072 }))).toEqual([expect.stringContaining("below the minimum of 3072 bits")]);
        expect(messages(await check({ keyType: "ec", curve: "P-256" }, { allowedCurves: ["P-384"] }))).toEqual([
            expect.stringContaining("EC P-256, not an allowed curve (allowedCurves: P-384)"),
        ]);
        expect(await check({ keyType: "ec", curve: "P-521", hash: "SHA-512" }, { allowedCurves: ["p-521"] })).toEqual({ violations: [] });
        expect(await check({ keyType: "ed25519" }, { allowedKeyTypes: ["rsa", "ec", "ed25519"] })).toEqual({ violations: [] });
        expect(messages(await check({ keyType: "rsa" }, { allowedKeyTypes: ["ec"] }))).toEqual([expect.stringContaining("RSA 2048-bit, not an allowed key type")]);
    });

    test("disallowedSignatureHashes accepts any spelling, and an empty list allows SHA-1", async () => {
        expect(messages(await check({ hash: "SHA-256" }, { disallowedSignatureHashes: ["sha256"] }))).toEqual([
            expect.stringContaining("SHA256WithRSA, and SHA-256 signatures are disallowed"),
        ]);
        expect(await check({ hash: "SHA-1" }, { disallowedSignatureHashes: [] })).toEqual({ violations: [] });
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const options of [{ rsaBits: 1024 }, { hash: "SHA-1" as const }, { keyType: "ed25519" as const }, {}]) {
            const generated = await certificateAt(options);
            const withDefaults = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config: schemaDefaults(policy) }));
            expect(withDefaults).toEqual(await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated))));
        }
    });

    describe("CA certificates after the leaf: strength rules only", () => {
        // The fixture signs with an RSA issuer key using the hash the key was made with, so each
        // weakness gets its own chain. P-521 on a CA is fine: Cloudflare does not use CA keys.
        const validity = { notBefore: daysFrom(NOW, -30), notAfter: daysFrom(NOW, 300) };

        async function checkChain(intermediateOptions: Parameters<typeof makeCertificate>[0], rootHash: "SHA-1" | "SHA-256") {
            const root = await makeCertificate({ ...validity, isCA: true, commonName: "Root CA", keyType: "ec", curve: "P-521", hash: rootHash, freshKey: true });
            const intermediate = await makeCertificate({ ...validity, ...intermediateOptions, isCA: true, commonName: "Intermediate CA", issuer: root });
            const leaf = await makeCertificate({ ...validity, issuer: intermediate, hash: "SHA-256" });
            const chain = leaf.certificate + intermediate.certificate + root.certificate;
            return runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: chain })));
        }

        test("passes a sound chain whose self-signed root uses SHA-1 (nothing verifies a root's own signature)", async () => {
            expect(await checkChain({ keyType: "ec", curve: "P-256", hash: "SHA-256" }, "SHA-1")).toEqual({ violations: [] });
        });

        test("fails an intermediate signed with SHA-1", async () => {
            expect(messages(await checkChain({ keyType: "ec", curve: "P-256", hash: "SHA-1" }, "SHA-256"))).toEqual([
                "CA certificate 2 (CN=Intermediate CA, O=Fixture) is signed with ECDSAWithSHA1, and SHA-1 signatures are disallowed (disallowedSignatureHashes).",
            ]);
        });

        test("fails an intermediate with a 1024-bit RSA key", async () => {
            expect(messages(await checkChain({ keyType: "rsa", rsaBits: 1024, hash: "SHA-256" }, "SHA-256"))).toEqual([
                "The key of CA certificate 2 (CN=Intermediate CA, O=Fixture) is RSA 1024-bit, below the minimum of 2048 bits (minRsaKeyBits).",
            ]);
        });
    });

    test("does not apply to other resource types or unknown certificates", async () => {
        const generated = await certificateAt({ rsaBits: 1024 });
        const other = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { type: "pulumi-nodejs:dynamic:Resource" }));
        expect(other).toEqual({ violations: [], notApplicable: expect.any(String) });
        const unknown = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: UNKNOWN })));
        expect(unknown).toEqual({ violations: [], notApplicable: expect.stringContaining("not known yet") });
    });
});
