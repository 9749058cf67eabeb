/**
 * cloudflare-hostname-certificate-zone-limit (mandatory): a stack at Cloudflare's limit broken one
 * property at a time.
 */
import { createZoneLimitPolicy, ZONE_LIMIT_DEFAULTS, ZONE_LIMIT_POLICY_NAME } from "../../policy/zoneLimit";
import { certificateAt, certificateProps, createStackValidationArgs, daysFrom, deployedProps, messages, NOW, OTHER_ZONE_ID, policyResource, runStackPolicy, schemaDefaults, UNKNOWN, ZONE_ID } from "./util";

const policy = createZoneLimitPolicy();

/** `count` certificates in `zoneId`, half of them deployed (outputs) and half new (inputs), as during a preview. */
async function certificates(count: number, zoneId = ZONE_ID, prefix = "cert") {
    const generated = await certificateAt();
    return Array.from({ length: count }, (_, index) =>
        policyResource(index % 2 === 0 ? deployedProps(daysFrom(NOW, 300), { zoneId }) : certificateProps(generated, { zoneId }), {
            name: `${prefix}-${index + 1}`,
        }),
    );
}

describe(ZONE_LIMIT_POLICY_NAME, () => {
    test("is a mandatory stack policy, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-zone-limit");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ maxCertificatesPerZone: 10 });
        expect(ZONE_LIMIT_DEFAULTS.maxCertificatesPerZone).toBe(10);
    });

    test("passes 10 certificates in one zone", async () => {
        expect(await runStackPolicy(policy, createStackValidationArgs(await certificates(10)))).toEqual({ violations: [] });
    });

    test("fails the eleventh certificate in one zone, naming the zone, the count and the resources in order", async () => {
        // The engine lists resources in registration order, which is not the program's order.
        const result = await runStackPolicy(policy, createStackValidationArgs((await certificates(11)).reverse()));
        expect(result.violations).toEqual([
            {
                message:
                    `Zone ${ZONE_ID} has 11 hostname certificates in this stack (cert-1, cert-2, cert-3, cert-4, cert-5, cert-6, cert-7, cert-8, cert-9, cert-10, cert-11), ` +
                    "more than maxCertificatesPerZone (10); Cloudflare allows 10 per zone and rejects every upload beyond that.",
            },
        ]);
    });

    test("counts each zone on its own", async () => {
        const resources = [...(await certificates(8)), ...(await certificates(8, OTHER_ZONE_ID, "other"))];
        expect(await runStackPolicy(policy, createStackValidationArgs(resources))).toEqual({ violations: [] });
        const over = [...(await certificates(8)), ...(await certificates(12, OTHER_ZONE_ID, "other"))];
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(over)))).toEqual([expect.stringContaining(`Zone ${OTHER_ZONE_ID} has 12`)]);
    });

    test("maxCertificatesPerZone from config leaves headroom", async () => {
        const resources = await certificates(10);
        expect(messages(await runStackPolicy(policy, createStackValidationArgs(resources, { maxCertificatesPerZone: 9 })))).toEqual([
            expect.stringMatching(/has 10 hostname certificates .* more than maxCertificatesPerZone \(9\); Cloudflare allows 10 per zone\.$/),
        ]);
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const count of [10, 11]) {
            const resources = await certificates(count);
            const withDefaults = await runStackPolicy(policy, createStackValidationArgs(resources, schemaDefaults(policy)));
            expect(withDefaults).toEqual(await runStackPolicy(policy, createStackValidationArgs(resources)));
        }
    });

    test("does not count other resource types or zone IDs unknown during preview", async () => {
        const resources = [
            ...(await certificates(10)),
            policyResource(deployedProps(daysFrom(NOW, 300), { zoneId: UNKNOWN }), { name: "unknown-zone" }),
            policyResource({ zoneId: ZONE_ID, hostname: "api.example.com" }, { type: "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation", name: "association" }),
        ];
        expect(await runStackPolicy(policy, createStackValidationArgs(resources))).toEqual({ violations: [] });
    });

    test("shortens a long list of names", async () => {
        const [message] = messages(await runStackPolicy(policy, createStackValidationArgs(await certificates(15))));
        expect(message).toContain("cert-12 and 3 more)");
        expect(message).not.toContain("cert-13");
    });

    test("does not apply to a stack without certificates", async () => {
        const result = await runStackPolicy(policy, createStackValidationArgs([policyResource({}, { type: "pulumi:pulumi:Stack" })]));
        expect(result).toEqual({ violations: [], notApplicable: "the stack has no hostname certificates" });
    });
});
