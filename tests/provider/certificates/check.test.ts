import { checkInputs } from "../../../provider/certificates/check";
import { zoneIdProblem } from "../../../provider/runtime/inputs";
import { UNKNOWN } from "../../../provider/contract";
import { keyFingerprint } from "../../../provider/core/pem";
import { makeCertificate, makeChain } from "../../fixtures/certificates";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

async function valid(options: Parameters<typeof makeCertificate>[0] = {}) {
    const made = await makeCertificate(options);
    return { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey };
}

/** The single failure of a check, asserted to be about `property`. */
function onlyFailure(result: ReturnType<typeof checkInputs>, property: string) {
    expect(result.failures).toHaveLength(1);
    expect(result.failures?.[0].property).toBe(property);
    return result.failures![0].reason;
}

describe("check", () => {
    test("valid inputs pass and come back unchanged, extra properties dropped", async () => {
        const news = { ...(await valid()), createTimeout: "90s", status: "active" };
        const result = checkInputs(news);
        expect(result.failures).toEqual([]);
        expect(result.inputs).toEqual({ zoneId: ZONE, certificate: news.certificate, privateKey: news.privateKey, createTimeout: "90s" });
    });

    test("a leaf followed by its CA passes", async () => {
        const { chainPem, leaf } = await makeChain();
        expect(checkInputs({ zoneId: ZONE, certificate: chainPem, privateKey: leaf.privateKey }).failures).toEqual([]);
    });

    test("unknown values (preview) are not failures", () => {
        const result = checkInputs({ zoneId: UNKNOWN, certificate: UNKNOWN, privateKey: UNKNOWN, createTimeout: UNKNOWN });
        expect(result.failures).toEqual([]);
    });

    test("not PEM", async () => {
        const reason = onlyFailure(checkInputs({ ...(await valid()), certificate: "client.pem" }), "certificate");
        expect(reason).toMatch(/^certificate is not PEM: .*contents, not its path/);
    });

    test("two leaves", async () => {
        const other = await makeCertificate();
        const news = await valid();
        const reason = onlyFailure(checkInputs({ ...news, certificate: news.certificate + other.certificate }), "certificate");
        expect(reason).toMatch(/2 leaf certificates: pass one leaf/);
    });

    test("not a leaf", async () => {
        const ca = await makeCertificate({ isCA: true, keyType: "ec", freshKey: true });
        const result = checkInputs({ zoneId: ZONE, certificate: ca.certificate, privateKey: ca.privateKey });
        expect(onlyFailure(result, "certificate")).toMatch(/CA certificate .*1412/);
    });

    test("expired and not yet valid", async () => {
        const expired = await valid({ notBefore: new Date(Date.now() - 10 * 86400000), notAfter: new Date(Date.now() - 86400000) });
        expect(onlyFailure(checkInputs(expired), "certificate")).toMatch(/^certificate expired on .*: renew it/);
        const future = await valid({ notBefore: new Date(Date.now() + 86400000), daysUntilExpiry: 30 });
        expect(onlyFailure(checkInputs(future), "certificate")).toMatch(/not valid until/);
    });

    describe("validity of a certificate that is already deployed", () => {
        const DAY = 86_400_000;
        const later = (days: number) => () => Date.now() + days * DAY;

        test("unchanged (same zone, certificate and key) and since expired or not yet valid: a warning, not a failure", async () => {
            const olds = await valid({ daysUntilExpiry: 5 });
            const expired = checkInputs({ ...olds, certificate: olds.certificate.replace(/\n/g, "\r\n") }, { olds, now: later(6) });
            expect(expired.failures).toEqual([]);
            expect(expired.warnings).toEqual([expect.stringMatching(/^HostnameCertificate \(CN=origin\.example\.com, O=Fixture, serial [0-9a-f]+, zone [0-9a-f]{32}\): certificate expired on .*: renew it .* It is unchanged and stays deployed, so this only warns; to block previews on expiry, use the policy pack\.$/)]);
            const skewed = checkInputs(olds, { olds, now: later(-2) });
            expect(skewed.failures).toEqual([]);
            expect(skewed.warnings).toEqual([expect.stringMatching(/certificate is not valid until/)]);
        });

        test("a new upload is still refused: no olds, another zone, another certificate or another key", async () => {
            const olds = await valid({ daysUntilExpiry: 5 });
            const otherExpiring = await makeCertificate({ daysUntilExpiry: 5, keyType: "ec" });
            const cases = [
                checkInputs(olds, { now: later(6) }),
                checkInputs(olds, { olds: {}, now: later(6) }),
                checkInputs({ ...olds, zoneId: "0".repeat(32) }, { olds, now: later(6) }),
                checkInputs({ ...olds, certificate: otherExpiring.certificate, privateKey: otherExpiring.privateKey }, { olds, now: later(6) }),
            ];
            for (const result of cases) {
                expect(onlyFailure(result, "certificate")).toMatch(/^certificate expired on/);
                expect(result.warnings).toEqual([]);
            }
        });

        test("the provider's check prints the warning and passes", async () => {
            const { createHostnameCertificateProvider } = await import("../../../provider/certificates/provider");
            const { memoryReporter } = await import("../../../provider/runtime/progress");
            const progress = memoryReporter();
            const provider = createHostnameCertificateProvider({ progress, now: later(6), env: {} });
            const olds = await valid({ daysUntilExpiry: 5 });
            expect((await provider.check(olds, olds)).failures).toEqual([]);
            expect(progress.lines).toEqual([expect.stringMatching(/^warning: HostnameCertificate \(.*\): certificate expired on/)]);
            expect((await provider.check({} as never, olds)).failures).toHaveLength(1);
        });
    });

    test("the clock is injectable", async () => {
        const news = await valid({ daysUntilExpiry: 5 });
        expect(checkInputs(news, { now: () => Date.now() + 6 * 86400000 }).failures?.[0].reason).toMatch(/expired/);
    });

    test("key not matching the certificate", async () => {
        const news = await valid();
        const other = await makeCertificate({ freshKey: true });
        const reason = onlyFailure(checkInputs({ ...news, privateKey: other.privateKey }), "privateKey");
        expect(reason).toMatch(/^privateKey does not match the certificate/);
    });

    describe("in a preview, the key unknown and its fingerprint given (what HostnameCertificate sends)", () => {
        /** The inputs of a preview for `options`' certificate, with the fingerprint of `key` (default: its own). */
        async function preview(options: Parameters<typeof makeCertificate>[0] = {}, key?: string) {
            const news = await valid(options);
            return { ...news, privateKey: UNKNOWN, privateKeyFingerprint: keyFingerprint(key ?? news.privateKey) };
        }

        test("the certificate's own key passes, and the fingerprint is kept", async () => {
            const news = await preview();
            const result = checkInputs(news);
            expect(result.failures).toEqual([]);
            expect(result.inputs).toMatchObject({ privateKey: UNKNOWN, privateKeyFingerprint: news.privateKeyFingerprint });
        });

        test("another key fails on privateKey, as the key itself would", async () => {
            const other = await makeCertificate({ freshKey: true });
            expect(onlyFailure(checkInputs(await preview({}, other.privateKey)), "privateKey")).toMatch(/^privateKey does not match the certificate/);
        });

        test("a key type Cloudflare does not accept fails on privateKey", async () => {
            for (const options of [{ keyType: "ed25519" as const }, { keyType: "rsa" as const, rsaBits: 1024 }]) {
                expect(onlyFailure(checkInputs(await preview(options)), "privateKey")).toMatch(/^privateKey is a key type Cloudflare does not accept/);
            }
        });

        test("an unknown fingerprint, or an unknown certificate, is not a failure", async () => {
            expect(checkInputs({ ...(await preview()), privateKeyFingerprint: UNKNOWN }).failures).toEqual([]);
            expect(checkInputs({ ...(await preview()), certificate: UNKNOWN }).failures).toEqual([]);
        });
    });

    test("encrypted key", async () => {
        const enc = await makeCertificate({ passphrase: "pw-123456" });
        const reason = onlyFailure(checkInputs({ zoneId: ZONE, certificate: enc.certificate, privateKey: enc.privateKey }), "privateKey");
        expect(reason).toMatch(/^privateKey is encrypted .*decrypt it/);
    });

    test("unsupported key types", async () => {
        for (const options of [{ keyType: "ed25519" as const }, { keyType: "rsa" as const, rsaBits: 1024 }, { keyType: "ec" as const, curve: "P-521" as const }]) {
            const reason = onlyFailure(checkInputs(await valid(options)), "privateKey");
            expect(reason).toMatch(/^privateKey is a key type Cloudflare does not accept .*: use RSA \(2048 bits or more\) or ECDSA/);
        }
    });

    test("no failure reason ever contains key material", async () => {
        const news = await valid();
        const other = await makeCertificate({ freshKey: true });
        const enc = await makeCertificate({ passphrase: "pw-123456" });
        const bad = [
            { ...news, privateKey: other.privateKey },
            { ...news, privateKey: enc.privateKey },
            { ...news, privateKey: news.privateKey + news.privateKey },
            { ...news, certificate: news.certificate + news.privateKey },
        ];
        for (const input of bad) {
            const text = JSON.stringify(checkInputs(input).failures);
            for (const key of [news.privateKey, other.privateKey, enc.privateKey]) {
                for (const line of key.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"))) expect(text).not.toContain(line);
            }
            // Every failure names its property; the engine redacts a secret property's value.
            expect(checkInputs(input).failures?.every((f) => ["certificate", "privateKey"].includes(f.property))).toBe(true);
        }
    });

    test("missing and malformed zoneId", async () => {
        const news = await valid();
        expect(onlyFailure(checkInputs({ ...news, zoneId: undefined }), "zoneId")).toMatch(/zoneId is required/);
        expect(onlyFailure(checkInputs({ ...news, zoneId: "abc" }), "zoneId")).toMatch(/32 lowercase hexadecimal characters \(got 3/);
        expect(onlyFailure(checkInputs({ ...news, zoneId: ZONE.toUpperCase() }), "zoneId")).toMatch(/must be lowercase/);
    });

    test("unparsable timeouts", async () => {
        const news = await valid();
        for (const bad of ["soon", "600", "0s", "2d", "-5m", ""]) {
            expect(onlyFailure(checkInputs({ ...news, deleteTimeout: bad }), "deleteTimeout")).toMatch(/deleteTimeout .*such as "90s", "5m"/);
        }
        expect(onlyFailure(checkInputs({ ...news, createTimeout: 90 }), "createTimeout")).toMatch(/duration string/);
    });

    test("missing certificate and key are reported together", () => {
        const result = checkInputs({ zoneId: ZONE });
        expect(result.failures?.map((f) => f.reason.split(" ")[0])).toEqual(["certificate", "privateKey"]);
    });
});

describe("zoneIdProblem", () => {
    test("accepts exactly 32 lowercase hex characters", () => {
        expect(zoneIdProblem(ZONE)).toBeUndefined();
        expect(zoneIdProblem(ZONE + "0")).toBeDefined();
        expect(zoneIdProblem("g".repeat(32))).toBeDefined();
        expect(zoneIdProblem(42)).toBeDefined();
    });
});
