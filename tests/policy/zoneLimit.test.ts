/**
 * The zone limit, two stack policies: cloudflare-hostname-certificate-zone-limit (mandatory), a
 * stack at Cloudflare's limit broken one property at a time; and …-zone-limit-replacement
 * (advisory), a full zone where certificates change, as preview shows it: unchanged certificates by
 * their deployed outputs, changing ones by their new inputs.
 */
import {
    createZoneLimitPolicy,
    createZoneLimitReplacementPolicy,
    ZONE_LIMIT_DEFAULTS,
    ZONE_LIMIT_POLICY_NAME,
    ZONE_LIMIT_REPLACEMENT_DEFAULTS,
    ZONE_LIMIT_REPLACEMENT_POLICY_NAME,
} from "../../policy/zoneLimit";
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

describe(ZONE_LIMIT_REPLACEMENT_POLICY_NAME, () => {
    const replacement = createZoneLimitReplacementPolicy();

    /** `count` certificates that do not change: preview shows their deployed outputs. */
    const deployed = (count: number, zoneId = ZONE_ID, prefix = "cert") =>
        Array.from({ length: count }, (_, index) => policyResource(deployedProps(daysFrom(NOW, 300), { zoneId }), { name: `${prefix}-${index + 1}` }));

    /** A certificate that changes in this update (a rotation, a new one or new timeouts): preview shows its new inputs. */
    async function changing(name: string, options: { zoneId?: string; deleteBeforeReplace?: boolean } = {}) {
        return policyResource(certificateProps(await certificateAt(), { zoneId: options.zoneId ?? ZONE_ID }), { name, deleteBeforeReplace: options.deleteBeforeReplace });
    }

    const run = (resources: Parameters<typeof createStackValidationArgs>[0], config: object = {}) =>
        runStackPolicy(replacement, createStackValidationArgs(resources, config));

    test("is an advisory stack policy, described, with defaults in the schema and in code", () => {
        expect(replacement.name).toBe("cloudflare-hostname-certificate-zone-limit-replacement");
        expect(replacement.enforcementLevel).toBe("advisory");
        expect(replacement.description).toMatch(/^Checks that /);
        expect(schemaDefaults(replacement)).toEqual({ maxCertificatesPerZone: 10 });
        expect(ZONE_LIMIT_REPLACEMENT_DEFAULTS.maxCertificatesPerZone).toBe(10);
    });

    test("passes a full zone where nothing changes", async () => {
        expect(await run(deployed(10))).toEqual({ violations: [] });
    });

    test("a certificate that changes in a full zone without deleteBeforeReplace needs an 11th slot: it says so, and what to do", async () => {
        const result = await run([...deployed(9), await changing("api")]);
        expect(messages(result)).toEqual([
            `Zone ${ZONE_ID}: this stack has 10 hostname certificates in it, and 1 of them change in this update without deleteBeforeReplace (api). ` +
                "Pulumi uploads a replacement (new certificate, key or zone) before it deletes the old certificate, and deletes replaced certificates at the end of the update, " +
                "so if these are replacements the zone needs 11 slots at once, more than maxCertificatesPerZone (10); Cloudflare refuses uploads beyond 10 per zone (error 2005). " +
                "Set deleteBeforeReplace: true on the ones no hostname uses (Cloudflare refuses to delete a certificate in use), or free slots first. " +
                "A new certificate, or a change of timeouts only, needs no extra slot: then this does not apply.",
        ]);
    });

    test("deleteBeforeReplace on the changing certificate frees its slot first", async () => {
        expect(await run([...deployed(9), await changing("api", { deleteBeforeReplace: true })])).toEqual({ violations: [] });
        expect(await run([...deployed(9), await changing("api", { deleteBeforeReplace: false })])).not.toEqual({ violations: [] });
    });

    test("a free slot takes one replacement; two at once need two, because old certificates are deleted at the end", async () => {
        expect(await run([...deployed(8), await changing("api")])).toEqual({ violations: [] });
        const two = await run([...deployed(7), await changing("api"), await changing("www")]);
        expect(messages(two)).toEqual([expect.stringContaining("this stack has 9 hostname certificates in it, and 2 of them change in this update without deleteBeforeReplace (api, www)")]);
        expect(messages(two)[0]).toContain("the zone needs 11 slots at once");
    });

    test("counts each zone on its own, and not other types or zone IDs unknown during preview", async () => {
        const resources = [
            ...deployed(9),
            await changing("other", { zoneId: OTHER_ZONE_ID }),
            await changing("unknown-zone", { zoneId: UNKNOWN }),
            policyResource({ zoneId: ZONE_ID, hostname: "api.example.com" }, { type: "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation", name: "association" }),
        ];
        expect(await run(resources)).toEqual({ violations: [] });
    });

    test("maxCertificatesPerZone from config leaves room for another stack's certificates", async () => {
        const resources = [...deployed(5), await changing("api")];
        expect(await run(resources)).toEqual({ violations: [] });
        expect(messages(await run(resources, { maxCertificatesPerZone: 6 }))).toEqual([expect.stringContaining("the zone needs 7 slots at once, more than maxCertificatesPerZone (6)")]);
    });

    test("a zone over the limit already is left to the mandatory zone-limit policy", async () => {
        expect(await run([...deployed(10), await changing("api")])).toEqual({ violations: [] });
    });

    test("the engine's schema defaults and the in-code defaults agree", async () => {
        for (const resources of [deployed(10), [...deployed(9), await changing("api")]]) {
            expect(await run(resources, schemaDefaults(replacement))).toEqual(await run(resources));
        }
    });

    test("does not apply to a stack without certificates", async () => {
        expect(await run([policyResource({}, { type: "pulumi:pulumi:Stack" })])).toEqual({ violations: [], notApplicable: "the stack has no hostname certificates" });
    });
});
