/**
 * The pure helpers every policy shares: days arithmetic (one rule for the PEM and for expiresOn),
 * the clock, safe property reads, and signature-hash names.
 */
import fc from "fast-check";
import {
    currentTime,
    DAY_MS,
    daysRemaining,
    describeExpiry,
    expiresWithin,
    formatTime,
    HOSTNAME_CERTIFICATE_TYPE,
    normalizeHashName,
    readCertificate,
    readProperty,
    signatureHash,
} from "../../policy/shared";
import { makeChain } from "../fixtures/certificates";
import { certificateAt, UNKNOWN } from "./util";
import { unknownCheckingProxy } from "@pulumi/policy";

const now = new Date("2030-06-15T12:00:00Z");

describe("shared", () => {
    test("the type token is the dynamic provider's", () => {
        expect(HOSTNAME_CERTIFICATE_TYPE).toBe("pulumi-nodejs:dynamic/cloudflare:HostnameCertificate");
    });

    describe("daysRemaining and expiresWithin", () => {
        test.each([
            ["2030-07-15T12:00:00Z", 30],
            ["2030-07-15T11:59:59Z", 29],
            ["2030-06-15T12:00:01Z", 0],
            ["2030-06-15T11:00:00Z", -1],
            ["2030-06-12T12:00:00Z", -3],
        ])("%s is %d days away", (notAfter, days) => {
            expect(daysRemaining(new Date(notAfter), now)).toBe(days);
        });

        test("expiresWithin(days) is exactly 'expired, or less than days × 24 h left'", () => {
            fc.assert(
                fc.property(fc.integer({ min: -400 * DAY_MS, max: 400 * DAY_MS }), fc.integer({ min: 0, max: 365 }), (offsetMs, days) => {
                    const notAfter = new Date(now.getTime() + offsetMs);
                    expect(expiresWithin(notAfter, now, days)).toBe(offsetMs <= 0 || offsetMs < days * DAY_MS);
                }),
            );
        });

        test("a larger threshold never lets through what a smaller one flags", () => {
            fc.assert(
                fc.property(fc.integer({ min: -100 * DAY_MS, max: 400 * DAY_MS }), fc.nat(200), fc.nat(200), (offsetMs, a, b) => {
                    const notAfter = new Date(now.getTime() + offsetMs);
                    if (expiresWithin(notAfter, now, Math.min(a, b))) expect(expiresWithin(notAfter, now, Math.max(a, b))).toBe(true);
                }),
            );
        });
    });

    test.each([
        ["2030-07-15T12:00:00Z", "expires in 30 days, on 2030-07-15T12:00:00Z"],
        ["2030-06-16T12:00:00Z", "expires in 1 day, on 2030-06-16T12:00:00Z"],
        ["2030-06-15T18:00:00Z", "expires in less than a day, on 2030-06-15T18:00:00Z"],
        ["2030-06-15T12:00:00Z", "expired less than a day ago, on 2030-06-15T12:00:00Z"],
        ["2030-06-14T11:00:00Z", "expired 1 day ago, on 2030-06-14T11:00:00Z"],
        ["2030-06-05T12:00:00Z", "expired 10 days ago, on 2030-06-05T12:00:00Z"],
    ])("describeExpiry(%s)", (notAfter, text) => {
        expect(describeExpiry(new Date(notAfter), now)).toBe(text);
    });

    test("formatTime drops milliseconds", () => {
        expect(formatTime(new Date("2030-01-02T03:04:05.678Z"))).toBe("2030-01-02T03:04:05Z");
    });

    test("currentTime: referenceTime wins, else the clock; garbage throws", () => {
        const clock = () => now;
        expect(currentTime(clock, undefined)).toBe(now);
        expect(currentTime(clock, "")).toBe(now);
        expect(currentTime(clock, "2031-01-01T00:00:00Z").toISOString()).toBe("2031-01-01T00:00:00.000Z");
        expect(() => currentTime(clock, "31/01/2031")).toThrow('referenceTime must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z, got "31/01/2031"');
    });

    test("readProperty: unknown through the framework's proxy or as the raw sentinel; other errors propagate", () => {
        expect(readProperty(unknownCheckingProxy({ a: UNKNOWN }), "a")).toEqual({ known: false });
        expect(readProperty({ a: UNKNOWN }, "a")).toEqual({ known: false });
        expect(readProperty(unknownCheckingProxy({ a: "x" }), "a")).toEqual({ known: true, value: "x" });
        expect(readProperty({}, "a")).toEqual({ known: true, value: undefined });
        const exploding = Object.defineProperty({}, "a", {
            get() {
                throw new Error("boom");
            },
        });
        expect(() => readProperty(exploding, "a")).toThrow("boom");
    });

    test("readCertificate: parsed chain (leaf first), unknown, missing, invalid", async () => {
        const { leaf, chainPem } = await makeChain({ commonName: "leaf.example.com" });
        const parsed = readCertificate({ certificate: chainPem });
        expect(parsed.status).toBe("parsed");
        if (parsed.status !== "parsed") return;
        expect(parsed.chain).toHaveLength(2);
        expect(parsed.leaf.subject).toContain("CN=leaf.example.com");
        expect(parsed.leaf.notAfter.getTime()).toBe(Math.floor(leaf.notAfter.getTime() / 1000) * 1000);
        expect(readCertificate({ certificate: UNKNOWN }).status).toBe("unknown");
        expect(readCertificate({}).status).toBe("missing");
        expect(readCertificate({ certificate: "  " }).status).toBe("missing");
        const generated = await certificateAt();
        const invalid = readCertificate({ certificate: generated.certificate + generated.privateKey });
        expect(invalid).toEqual({ status: "invalid", reason: expect.stringContaining("PRIVATE KEY block(s)") });
        // The reason names what is wrong, never the content.
        if (invalid.status === "invalid") expect(invalid.reason).not.toMatch(/MII/);
    });

    test.each([
        ["SHA1WithRSA", "SHA-1"],
        ["ECDSAWithSHA1", "SHA-1"],
        ["MD5WithRSA", "MD5"],
        ["SHA256WithRSA", "SHA-256"],
        ["ECDSAWithSHA384", "SHA-384"],
        ["1.2.840.113549.1.1.2", "MD2"],
        ["1.2.840.113549.1.1.3", "MD4"],
        ["1.2.840.10040.4.3", "SHA-1"],
        ["RSAPSS", undefined],
        ["Ed25519", undefined],
        ["1.2.3.4", undefined],
    ])("signatureHash(%s) = %s", (name, hash) => {
        expect(signatureHash(name)).toBe(hash);
    });

    test.each([
        ["sha1", "SHA-1"],
        ["SHA-1", "SHA-1"],
        [" sha_256 ", "SHA-256"],
        ["md5", "MD5"],
    ])("normalizeHashName(%j) = %s", (name, normalized) => {
        expect(normalizeHashName(name)).toBe(normalized);
    });
});
