/**
 * cloudflare-hostname-certificate-deployed-expiry (mandatory, stack policy, from Cloudflare's
 * expiresOn): a stack of healthy deployed certificates broken one property at a time.
 */
import { createDeployedExpiryPolicy, DEPLOYED_EXPIRY_POLICY_NAME } from "../../policy/deployedExpiry";
import { formatTime } from "../../policy/shared";
import {
    certificateAt,
    certificateProps,
    createStackValidationArgs,
    daysFrom,
    deployedProps,
    fixedClock,
    messages,
    NOW,
    policyResource,
    runStackPolicy,
    schemaDefaults,
    UNKNOWN,
} from "./util";

const policy = createDeployedExpiryPolicy({ now: fixedClock });

function stack(...props: Record<string, unknown>[]) {
    return props.map((p, index) => policyResource(p, { name: `cert-${index + 1}` }));
}

describe(DEPLOYED_EXPIRY_POLICY_NAME, () => {
    test("is a mandatory stack policy, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-deployed-expiry");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(typeof policy.validateStack).toBe("function");
        expect(schemaDefaults(policy)).toEqual({ minDaysRemaining: 30 });
    });

    test("passes deployed certificates with time left", async () => {
        const result = await runStackPolicy(policy, createStackValidationArgs(stack(deployedProps(daysFrom(NOW, 365)), deployedProps(daysFrom(NOW, 31)))));
        expect(result).toEqual({ violations: [] });
    });

    test("fails the one deployed certificate that expires within minDaysRemaining, against its URN", async () => {
        const expiresOn = daysFrom(NOW, 12);
        const resources = stack(deployedProps(daysFrom(NOW, 365)), deployedProps(expiresOn, { certificateId: "cf-2" }));
        const result = await runStackPolicy(policy, createStackValidationArgs(resources));
        expect(result.violations).toEqual([
            {
                urn: resources[1].urn,
                message:
                    `Deployed certificate cf-2 (cert-2) expires in 12 days, on ${formatTime(expiresOn)} by Cloudflare's expiresOn; ` +
                    "at least 30 days must remain (minDaysRemaining). Renew it and deploy the new certificate and key.",
            },
        ]);
    });

    test("fails an expired deployed certificate", async () => {
        const result = await runStackPolicy(policy, createStackValidationArgs(stack(deployedProps("2030-06-01T00:00:00Z"))));
        expect(messages(result)).toEqual([expect.stringContaining("expired 14 days ago, on 2030-06-01T00:00:00Z")]);
    });

    test("minDaysRemaining and referenceTime come from config", async () => {
        const resources = stack(deployedProps(daysFrom(NOW, 40)));
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, { minDaysRemaining: 45 })))).toHaveLength(1);
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, { minDaysRemaining: 14 })))).toEqual([]);
        const later = { referenceTime: daysFrom(NOW, 35).toISOString() };
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, later)))).toEqual([expect.stringContaining("expires in 5 days")]);
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        const resources = stack(deployedProps(daysFrom(NOW, 29)), deployedProps(daysFrom(NOW, 30)));
        const withDefaults = await runStackPolicy(policy, createStackValidationArgs(resources, schemaDefaults(policy)));
        expect(withDefaults).toEqual(await runStackPolicy(policy, createStackValidationArgs(resources)));
        expect(withDefaults.violations).toHaveLength(1);
    });

    test("skips resources not created yet: their props are the inputs, without certificateId or expiresOn", async () => {
        const generated = await certificateAt({ daysLeft: 5 });
        const result = await runStackPolicy(policy, createStackValidationArgs(stack(certificateProps(generated))));
        expect(result).toEqual({ violations: [] });
    });

    test("skips values unknown during preview and unusable dates", async () => {
        const soon = daysFrom(NOW, 3);
        const resources = stack(
            deployedProps(UNKNOWN),
            deployedProps(soon, { certificateId: UNKNOWN }),
            deployedProps(soon, { certificateId: "" }),
            deployedProps("not a date"),
        );
        expect(await runStackPolicy(policy, createStackValidationArgs(resources))).toEqual({ violations: [] });
    });

    test("ignores other resource types, and does not apply to a stack without certificates", async () => {
        const other = policyResource(deployedProps(daysFrom(NOW, 1)), { type: "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation" });
        expect(await runStackPolicy(policy, createStackValidationArgs([other]))).toEqual({
            violations: [],
            notApplicable: "the stack has no hostname certificates",
        });
    });
});
