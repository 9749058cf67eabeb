/**
 * cloudflare-hostname-certificate-not-yet-valid (mandatory, preview-time, from the PEM): a healthy
 * certificate broken one property at a time.
 */
import { createNotYetValidPolicy, NOT_YET_VALID_DEFAULTS, NOT_YET_VALID_POLICY_NAME } from "../../policy/notYetValid";
import { formatTime } from "../../policy/shared";
import { certificateAt, certificateProps, createResourceValidationArgs, daysFrom, fixedClock, messages, NOW, runResourcePolicy, schemaDefaults, UNKNOWN } from "./util";

const policy = createNotYetValidPolicy({ now: fixedClock });

async function check(startsIn: number, config: object = {}) {
    const generated = await certificateAt({ startsIn, daysLeft: 400 });
    const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
    return { generated, result };
}

describe(NOT_YET_VALID_POLICY_NAME, () => {
    test("is mandatory, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-not-yet-valid");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ toleranceMinutes: 0 });
        expect(NOT_YET_VALID_DEFAULTS.toleranceMinutes).toBe(0);
    });

    test("passes a certificate valid since last month", async () => {
        expect((await check(-30)).result).toEqual({ violations: [] });
    });

    test("passes a certificate valid from exactly now", async () => {
        expect((await check(0)).result.violations).toEqual([]);
    });

    test("fails a certificate valid only from next week, giving the date", async () => {
        const { generated, result } = await check(7);
        expect(messages(result)).toEqual([
            `The certificate is not valid until ${formatTime(generated.notBefore)}, 7 days from now; ` +
                "the origin would refuse it until then. Deploy it once it is valid, or issue one that is valid now.",
        ]);
    });

    test("says hours or minutes when the start is near", async () => {
        expect(messages((await check(3 / 24)).result)).toEqual([expect.stringContaining("3 hours from now")]);
        expect(messages((await check(2 / 1440)).result)).toEqual([expect.stringContaining("2 minutes from now")]);
    });

    test("toleranceMinutes allows a little clock skew, and no more", async () => {
        expect((await check(4 / 1440, { toleranceMinutes: 5 })).result.violations).toEqual([]);
        expect(messages((await check(6 / 1440, { toleranceMinutes: 5 })).result)).toHaveLength(1);
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const startsIn of [0, 1 / 1440]) {
            const generated = await certificateAt({ startsIn });
            const withDefaults = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config: schemaDefaults(policy) }));
            expect(withDefaults).toEqual(await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated))));
        }
    });

    test("referenceTime in config replaces the clock", async () => {
        const generated = await certificateAt({ startsIn: -30 });
        const config = { referenceTime: daysFrom(NOW, -40).toISOString() };
        const result = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { config }));
        expect(messages(result)).toEqual([expect.stringContaining("10 days from now")]);
    });

    test("does not apply to other resource types or unknown certificates", async () => {
        const generated = await certificateAt({ startsIn: 7 });
        const other = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(generated), { type: "aws:acm/certificate:Certificate" }));
        expect(other).toEqual({ violations: [], notApplicable: expect.any(String) });
        const unknown = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: UNKNOWN })));
        expect(unknown).toEqual({ violations: [], notApplicable: expect.stringContaining("not known yet") });
    });
});
