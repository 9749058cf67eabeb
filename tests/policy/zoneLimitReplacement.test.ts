/**
 * cloudflare-hostname-certificate-zone-limit-replacement (advisory): a full zone where certificates
 * change, as preview shows it: unchanged certificates by their deployed outputs, changing ones by
 * their new inputs.
 */
import { createZoneLimitReplacementPolicy, ZONE_LIMIT_REPLACEMENT_DEFAULTS, ZONE_LIMIT_REPLACEMENT_POLICY_NAME } from "../../policy/zoneLimitReplacement";
import { certificateAt, certificateProps, createStackValidationArgs, daysFrom, deployedProps, messages, NOW, OTHER_ZONE_ID, policyResource, runStackPolicy, schemaDefaults, UNKNOWN, ZONE_ID } from "./util";

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
