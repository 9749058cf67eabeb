/**
 * cloudflare-hostname-certificate-deployed-expiry-warning (advisory, stack policy, from
 * Cloudflare's expiresOn): a stack of healthy deployed certificates broken one property at a time.
 */
import { createDeployedExpiryWarningPolicy, DEPLOYED_EXPIRY_WARNING_POLICY_NAME } from "../../policy/deployedExpiryWarning";
import { formatTime } from "../../policy/shared";
import { createStackValidationArgs, daysFrom, deployedProps, fixedClock, messages, NOW, policyResource, runStackPolicy, schemaDefaults, UNKNOWN } from "./util";

const policy = createDeployedExpiryWarningPolicy({ now: fixedClock });

describe(DEPLOYED_EXPIRY_WARNING_POLICY_NAME, () => {
    test("is an advisory stack policy, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-deployed-expiry-warning");
        expect(policy.enforcementLevel).toBe("advisory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ warnDaysRemaining: 60 });
    });

    test("passes a deployed certificate with 60 days left", async () => {
        const result = await runStackPolicy(policy, createStackValidationArgs([policyResource(deployedProps(daysFrom(NOW, 60)))]));
        expect(result).toEqual({ violations: [] });
    });

    test("warns about a deployed certificate inside the warning period, against its URN", async () => {
        const expiresOn = daysFrom(NOW, 59);
        const resource = policyResource(deployedProps(expiresOn), { name: "api" });
        const result = await runStackPolicy(policy, createStackValidationArgs([resource]));
        expect(result.violations).toEqual([
            {
                urn: resource.urn,
                message:
                    `Deployed certificate 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60 (api) expires in 59 days, on ${formatTime(expiresOn)} by Cloudflare's expiresOn, ` +
                    "within the 60-day warning period (warnDaysRemaining). Plan its renewal.",
            },
        ]);
    });

    test("warnDaysRemaining and referenceTime come from config", async () => {
        const resources = [policyResource(deployedProps(daysFrom(NOW, 80)))];
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources)))).toEqual([]);
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, { warnDaysRemaining: 90 })))).toHaveLength(1);
        const later = { referenceTime: daysFrom(NOW, 30).toISOString() };
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, later)))).toEqual([expect.stringContaining("expires in 50 days")]);
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        const resources = [policyResource(deployedProps(daysFrom(NOW, 59))), policyResource(deployedProps(daysFrom(NOW, 60)))];
        const withDefaults = await runStackPolicy(policy, createStackValidationArgs(resources, schemaDefaults(policy)));
        expect(withDefaults).toEqual(await runStackPolicy(policy, createStackValidationArgs(resources)));
        expect(withDefaults.violations).toHaveLength(1);
    });

    test("skips expiresOn unknown during preview", async () => {
        const result = await runStackPolicy(policy, createStackValidationArgs([policyResource(deployedProps(UNKNOWN))]));
        expect(result).toEqual({ violations: [] });
    });
});
