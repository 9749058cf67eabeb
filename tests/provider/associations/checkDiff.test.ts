/** HostnameAssociation's local validation and diff: pure functions, no API. */
import { checkAssociationInputs, hostnameProblem } from "../../../provider/associations/check";
import { diffAssociationInputs } from "../../../provider/associations/diff";
import { UNKNOWN } from "../../../provider/contract";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
const OTHER = "7d6f1c2e-1111-4abc-9def-0123456789ab";
const valid = { zoneId: ZONE, hostname: "api.example.com", certificateId: CERT };

describe("check", () => {
    test("valid inputs pass and come back without extra properties", () => {
        const withStaleOutputs = { ...valid, enabled: false, createTimeout: "5m", status: "active", __provider: "x" };
        const result = checkAssociationInputs(withStaleOutputs);
        expect(result).toEqual({ inputs: { ...valid, enabled: false, createTimeout: "5m" }, failures: [] });
    });

    test.each(["api.example.com", "example.com", "*.example.com", "a-b.c-d.example.co.uk", "xn--bcher-kva.example", `${"a".repeat(63)}.example.com`])(
        "accepts the hostname %s",
        (hostname) => expect(hostnameProblem(hostname)).toBeUndefined(),
    );

    test.each([
        ["", /^hostname is required: a DNS name in the zone, such as "api.example.com"$/],
        ["API.example.com", /^hostname must be lowercase: .*write "api\.example\.com"$/],
        ["api.example.com.", /^hostname must not end with a dot: write "api\.example\.com"$/],
        ["localhost", /^hostname must be a full name in the zone, with its domain: e\.g\. "localhost\.example\.com"$/],
        ["https://api.example.com", /^hostname must be a bare host name, without scheme, port or path/],
        ["api.example.com:443", /^hostname must be a bare host name/],
        ["api..example.com", /^hostname has an empty label \(two dots in a row\)/],
        ["-api.example.com", /^hostname has the label "-api": each label is 1 to 63 letters, digits or hyphens/],
        ["under_score.example.com", /^hostname has the label "under_score"/],
        ["api.*.example.com", /^hostname may only use "\*" as a whole first label/],
        ["*", /^hostname may only use "\*" as a whole first label \("\*\.example\.com"\)$/],
        ["*.com", /^hostname must be a full name in the zone, with its domain: e\.g\. "\*\.example\.com"$/],
        ["bücher.example.com", /^hostname must be plain ASCII without spaces: write an internationalized name in its punycode form/],
        [" api.example.com", /^hostname has leading or trailing whitespace: remove it$/],
        [`${"a".repeat(64)}.example.com`, /^hostname has the label "a{64}"/],
        [`${"abcdefghi.".repeat(26)}com`, /^hostname is 263 characters long; Cloudflare accepts at most 255$/],
    ])("refuses the hostname %j and says what to write", (hostname, reason) => {
        expect(hostnameProblem(hostname)).toMatch(reason);
    });

    test("each bad property is named, with what to do", () => {
        const result = checkAssociationInputs({ zoneId: ZONE.toUpperCase(), hostname: 7, certificateId: CERT.toUpperCase(), enabled: "yes", deleteTimeout: "600" });
        expect(result.failures).toEqual([
            { property: "zoneId", reason: expect.stringMatching(/^zoneId must be lowercase/) },
            { property: "hostname", reason: expect.stringMatching(/^hostname is required/) },
            { property: "certificateId", reason: "certificateId must be lowercase: Cloudflare's IDs are lowercase; write it in lowercase" },
            { property: "enabled", reason: "enabled must be true or false (default true); to remove the association, delete the resource instead" },
            { property: "deleteTimeout", reason: expect.stringMatching(/^deleteTimeout "600" is not a duration/) },
        ]);
        expect(checkAssociationInputs({ ...valid, certificateId: "not-a-uuid" }).failures).toEqual([
            { property: "certificateId", reason: expect.stringMatching(/^certificateId must be a certificate ID, a UUID such as .*: pass the certificateId of a HostnameCertificate/) },
        ]);
        expect(checkAssociationInputs({ zoneId: ZONE, hostname: "api.example.com" }).failures).toEqual([
            { property: "certificateId", reason: "certificateId is required: pass the certificateId of a HostnameCertificate in the same zone" },
        ]);
    });

    test("unknown values (preview, a certificate not created yet) are skipped", () => {
        const result = checkAssociationInputs({ zoneId: UNKNOWN, hostname: UNKNOWN, certificateId: UNKNOWN, enabled: UNKNOWN, createTimeout: UNKNOWN });
        expect(result.failures).toEqual([]);
    });

    test("enabled defaults to true, written out; null means the default, not a void", () => {
        expect(checkAssociationInputs(valid)).toEqual({ inputs: { ...valid, enabled: true }, failures: [] });
        expect(checkAssociationInputs({ ...valid, enabled: null })).toEqual({ inputs: { ...valid, enabled: true }, failures: [] });
        expect(checkAssociationInputs({ ...valid, enabled: UNKNOWN }).inputs?.enabled).toBe(UNKNOWN);
    });
});

describe("diff", () => {
    const olds = { ...valid, enabled: true, status: "active", certStatus: "active", expiresOn: "2027-01-01T00:00:00Z", ownership: "created", managedCertificateId: valid.certificateId } as const;

    test("no change; unset enabled equals true; equivalent timeouts are no change", () => {
        expect(diffAssociationInputs(olds, valid)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
        expect(diffAssociationInputs({ ...olds, createTimeout: "10m" }, { ...valid, enabled: true, createTimeout: "600s" }).changes).toBe(false);
    });

    test("zone or hostname replaces, created before the old one is deleted", () => {
        expect(diffAssociationInputs(olds, { ...valid, hostname: "www.example.com" })).toEqual({ changes: true, replaces: ["hostname"], deleteBeforeReplace: false });
        expect(diffAssociationInputs(olds, { ...valid, zoneId: "11111111111111111111111111111111" }).replaces).toEqual(["zoneId"]);
        expect(diffAssociationInputs(olds, { ...valid, hostname: UNKNOWN }).replaces).toEqual(["hostname"]);
    });

    test("certificate, enabled or a timeout changes in place; an unknown certificate (new one at preview) too", () => {
        for (const news of [{ ...valid, certificateId: OTHER }, { ...valid, certificateId: UNKNOWN }, { ...valid, enabled: false }, { ...valid, deleteTimeout: "1m" }]) {
            expect(diffAssociationInputs(olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        }
    });

    test("drift read by a refresh (live certificate or enabled in the outputs) is a change", () => {
        expect(diffAssociationInputs({ ...olds, certificateId: OTHER }, valid).changes).toBe(true);
        expect(diffAssociationInputs({ ...olds, enabled: false }, valid).changes).toBe(true);
    });
});
