/**
 * cloudflare-hostname-certificate-expiry-warning (advisory, preview-time, from the PEM): a healthy
 * certificate broken one property at a time.
 */
import { createExpiryWarningPolicy, EXPIRY_WARNING_DEFAULTS, EXPIRY_WARNING_POLICY_NAME } from "../../policy/expiryWarning";
import { formatTime } from "../../policy/shared";
import { certificateAt, certificateProps, createResourceValidationArgs, daysFrom, fixedClock, messages, NOW, runResourcePolicy, schemaDefaults, UNKNOWN } from "./util";

const policy = createExpiryWarningPolicy({ now: fixedClock });

async function check(daysLeft: number, config: object = {}) {
    const generated = await certificateAt({ daysLeft });
    const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
    return { generated, result };
}

describe(EXPIRY_WARNING_POLICY_NAME, () => {
    test("is advisory, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-expiry-warning");
        expect(policy.enforcementLevel).toBe("advisory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ warnDaysRemaining: 60 });
        expect(EXPIRY_WARNING_DEFAULTS.warnDaysRemaining).toBe(60);
    });

    test("passes a certificate with a year left", async () => {
        expect((await check(365)).result).toEqual({ violations: [] });
    });

    test("passes with exactly warnDaysRemaining days left", async () => {
        expect((await check(60)).result.violations).toEqual([]);
    });

    test("warns inside the warning period, giving the days left and the date", async () => {
        const { generated, result } = await check(45);
        expect(messages(result)).toEqual([
            `The certificate expires in 45 days, on ${formatTime(generated.notAfter)}, within the 60-day warning period (warnDaysRemaining). Plan its renewal.`,
        ]);
    });

    test("keeps warning below minDaysRemaining and after expiry, whatever the mandatory policy does", async () => {
        expect(messages((await check(10)).result)).toEqual([expect.stringContaining("expires in 10 days")]);
        expect(messages((await check(-1)).result)).toEqual([expect.stringContaining("expired 1 day ago")]);
    });

    test("warnDaysRemaining from config moves the threshold", async () => {
        expect((await check(45, { warnDaysRemaining: 30 })).result.violations).toEqual([]);
        expect(messages((await check(80, { warnDaysRemaining: 90 })).result)).toEqual([expect.stringContaining("within the 90-day warning period")]);
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const daysLeft of [59, 60]) {
            const generated = await certificateAt({ daysLeft });
            const withDefaults = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config: schemaDefaults(policy) }));
            const withoutConfig = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated)));
            expect(withDefaults).toEqual(withoutConfig);
        }
    });

    test("referenceTime in config replaces the clock", async () => {
        const generated = await certificateAt({ daysLeft: 365 });
        const config = { referenceTime: daysFrom(NOW, 330).toISOString() };
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
        expect(messages(result)).toEqual([expect.stringContaining("expires in 35 days")]);
    });

    test("does not apply to other resource types or unknown certificates", async () => {
        const generated = await certificateAt({ daysLeft: 10 });
        const other = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { type: "pulumi-nodejs:dynamic:Resource" }));
        expect(other).toEqual({ violations: [], notApplicable: expect.any(String) });
        const unknown = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: UNKNOWN })));
        expect(unknown).toEqual({ violations: [], notApplicable: expect.stringContaining("not known yet") });
    });
});
