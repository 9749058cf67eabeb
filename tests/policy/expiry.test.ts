/**
 * cloudflare-hostname-certificate-expiry (mandatory, preview-time, from the PEM): a healthy
 * certificate broken one property at a time.
 */
import { createExpiryPolicy, EXPIRY_DEFAULTS, EXPIRY_POLICY_NAME } from "../../policy/expiry";
import { formatTime } from "../../policy/shared";
import { makeChain } from "../fixtures/certificates";
import { PLUGIN_CERTIFICATE_TOKEN } from "../../provider/contract";
import {
    certificateAt,
    certificateProps,
    createResourceValidationArgs,
    daysFrom,
    fixedClock,
    messages,
    NOW,
    runResourcePolicy,
    schemaDefaults,
    UNKNOWN,
} from "./util";

const policy = createExpiryPolicy({ now: fixedClock });

async function check(daysLeft: number, config: object = {}) {
    const generated = await certificateAt({ daysLeft });
    const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
    return { generated, result };
}

describe(EXPIRY_POLICY_NAME, () => {
    test("is mandatory, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-expiry");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ minDaysRemaining: 30 });
        expect(EXPIRY_DEFAULTS.minDaysRemaining).toBe(30);
    });

    test("passes a certificate with a year left", async () => {
        const { result } = await check(365);
        expect(result).toEqual({ violations: [] });
    });

    test("passes with exactly minDaysRemaining days left", async () => {
        const { result } = await check(30);
        expect(result.violations).toEqual([]);
    });

    test("fails with one hour less than minDaysRemaining, giving the days left and the date", async () => {
        const { generated, result } = await check(30 - 1 / 24);
        expect(messages(result)).toEqual([
            `The certificate expires in 29 days, on ${formatTime(generated.notAfter)}; at least 30 days must remain (minDaysRemaining). ` +
                "Renew it and deploy the new certificate and key.",
        ]);
    });

    test("fails an expired certificate", async () => {
        const { generated, result } = await check(-3);
        expect(messages(result)).toEqual([expect.stringContaining(`The certificate expired 3 days ago, on ${formatTime(generated.notAfter)}`)]);
    });

    test("with minDaysRemaining 0, fails only once expired", async () => {
        const expiringNow = await check(0, { minDaysRemaining: 0 });
        expect(expiringNow.result.violations).toEqual([expect.objectContaining({ message: expect.stringContaining("expired less than a day ago") })]);
        const soon = await check(0.5 / 24, { minDaysRemaining: 0 });
        expect(soon.result.violations).toEqual([]);
    });

    test("minDaysRemaining from config moves the threshold both ways", async () => {
        expect((await check(20, { minDaysRemaining: 14 })).result.violations).toEqual([]);
        expect(messages((await check(40, { minDaysRemaining: 45 })).result)).toEqual([expect.stringContaining("expires in 40 days")]);
        expect(messages((await check(40, { minDaysRemaining: 45 })).result)[0]).toContain("at least 45 days must remain");
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const daysLeft of [29, 30, 31]) {
            const generated = await certificateAt({ daysLeft });
            const withDefaults = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config: schemaDefaults(policy) }));
            const withoutConfig = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated)));
            expect(withDefaults).toEqual(withoutConfig);
        }
    });

    test("referenceTime in config replaces the clock", async () => {
        const generated = await certificateAt({ daysLeft: 365 });
        const config = { referenceTime: daysFrom(NOW, 360).toISOString() };
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
        expect(messages(result)).toEqual([expect.stringContaining("expires in 5 days")]);
    });

    test("a referenceTime that is not a date fails loudly", async () => {
        const generated = await certificateAt();
        const args = createResourceValidationArgs(certificateProps(generated), { config: { referenceTime: "next tuesday" } });
        await expect(runResourcePolicy(policy, args)).rejects.toThrow(/referenceTime must be an ISO 8601 date-time/);
    });

    test("the clock comes from the factory", async () => {
        const generated = await certificateAt({ daysLeft: 100 });
        const later = createExpiryPolicy({ now: () => daysFrom(NOW, 90) });
        const result = await runResourcePolicy(later, createResourceValidationArgs(certificateProps(generated)));
        expect(messages(result)).toEqual([expect.stringContaining("expires in 10 days")]);
    });

    test("judges the leaf, not the CA certificates that follow it", async () => {
        // The CA of makeChain is valid around the real date, so it has long expired by NOW (2030).
        const { ca, chainPem } = await makeChain({ notBefore: daysFrom(NOW, -1), notAfter: daysFrom(NOW, 200) });
        expect(ca.notAfter.getTime()).toBeLessThan(NOW.getTime());
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: chainPem })));
        expect(result).toEqual({ violations: [] });
    });

    test("judges the resource plugin's HostnameCertificate as the dynamic one", async () => {
        const generated = await certificateAt({ daysLeft: 10 });
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { type: PLUGIN_CERTIFICATE_TOKEN }));
        expect(messages(result)).toEqual([expect.stringContaining("expires in 10 days")]);
    });

    test("does not apply to other resource types", async () => {
        const generated = await certificateAt({ daysLeft: -3 });
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { type: "cloudflare:index/record:Record" }));
        expect(result).toEqual({ violations: [], notApplicable: expect.stringContaining("applies only to pulumi-nodejs:dynamic/cloudflare:HostnameCertificate") });
    });

    test("skips a certificate unknown during preview", async () => {
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: UNKNOWN })));
        expect(result).toEqual({ violations: [], notApplicable: expect.stringContaining("not known yet") });
    });

    test("skips a certificate that is not PEM, leaving it to the provider's check", async () => {
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: "/path/to/cert.pem" })));
        expect(result).toEqual({ violations: [], notApplicable: expect.stringContaining("cannot be parsed") });
    });
});
