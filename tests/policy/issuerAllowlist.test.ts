/**
 * cloudflare-hostname-certificate-issuer-allowlist (mandatory, preview-time, from the PEM): a
 * certificate from an allowed CA broken one property at a time.
 */
import { createIssuerAllowlistPolicy, ISSUER_ALLOWLIST_DEFAULTS, ISSUER_ALLOWLIST_POLICY_NAME, issuerMatches } from "../../policy/issuerAllowlist";
import { makeCertificate } from "../fixtures/certificates";
import { certificateAt, certificateProps, createResourceValidationArgs, daysFrom, messages, NOW, runResourcePolicy, schemaDefaults, UNKNOWN } from "./util";

const policy = createIssuerAllowlistPolicy();
const validity = { notBefore: daysFrom(NOW, -30), notAfter: daysFrom(NOW, 300) };

/** A leaf issued by "CN=Example Issuing CA, O=Fixture", followed by that CA. */
async function issuedCertificate() {
    const ca = await makeCertificate({ ...validity, isCA: true, commonName: "Example Issuing CA", keyType: "ec", freshKey: true });
    const leaf = await makeCertificate({ ...validity, issuer: ca });
    return { certificate: leaf.certificate + ca.certificate };
}

async function check(allowedIssuers: string[] | undefined) {
    const config = allowedIssuers === undefined ? {} : { allowedIssuers };
    return runResourcePolicy(policy, createResourceValidationArgs(certificateProps(await issuedCertificate()), { config }));
}

describe(ISSUER_ALLOWLIST_POLICY_NAME, () => {
    test("is mandatory, described, with defaults in the schema and in code", () => {
        expect(policy.name).toBe("cloudflare-hostname-certificate-issuer-allowlist");
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.description).toMatch(/^Checks that /);
        expect(schemaDefaults(policy)).toEqual({ allowedIssuers: [] });
        expect(ISSUER_ALLOWLIST_DEFAULTS.allowedIssuers).toEqual([]);
    });

    test("an empty list (the default) allows every issuer", async () => {
        const expected = { violations: [], notApplicable: "allowedIssuers is empty, which allows every issuer" };
        expect(await check(undefined)).toEqual(expected);
        expect(await check([])).toEqual(expected);
    });

    test("passes a certificate whose issuer is listed by common name, organization or full name", async () => {
        expect(await check(["Example Issuing CA"])).toEqual({ violations: [] });
        expect(await check(["example issuing ca"])).toEqual({ violations: [] });
        expect(await check(["Other CA", "Fixture"])).toEqual({ violations: [] });
        expect(await check(["O=Fixture, CN=Example Issuing CA"])).toEqual({ violations: [] });
    });

    test("fails a certificate from an issuer not on the list, naming the issuer", async () => {
        expect(messages(await check(["Other CA", "CN=Example Issuing CA, O=Someone Else"]))).toEqual([
            'The certificate was issued by "CN=Example Issuing CA, O=Fixture", which is not in allowedIssuers ("Other CA", "CN=Example Issuing CA, O=Someone Else").',
        ]);
    });

    test("judges the leaf's issuer, not the CA certificates after it", async () => {
        // The CA in the chain is self-issued by "Example Issuing CA", which is not the leaf's issuer here.
        const ca = await makeCertificate({ ...validity, isCA: true, commonName: "Example Issuing CA", keyType: "ec", freshKey: true });
        const selfSigned = await certificateAt({ commonName: "self.example.com" });
        const props = certificateProps({ certificate: selfSigned.certificate + ca.certificate });
        const result = await runResourcePolicy(policy, createResourceValidationArgs(props, { config: { allowedIssuers: ["Example Issuing CA"] } }));
        expect(messages(result)).toEqual([expect.stringContaining('issued by "CN=self.example.com, O=Fixture"')]);
    });

    test("does not apply to other resource types or unknown certificates", async () => {
        const config = { allowedIssuers: ["Nobody"] };
        const other = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps(await issuedCertificate()), { type: "pulumi-nodejs:dynamic:Resource", config }));
        expect(other).toEqual({ violations: [], notApplicable: expect.any(String) });
        const unknown = await runResourcePolicy(policy, createResourceValidationArgs(certificateProps({ certificate: UNKNOWN }), { config }));
        expect(unknown).toEqual({ violations: [], notApplicable: expect.stringContaining("not known yet") });
    });

    describe("issuerMatches", () => {
        const issuer = "CN=Example CA\nO=Example Corp\nC=US";
        test.each([
            ["Example CA", true],
            ["EXAMPLE CORP", true],
            ["C=US, O=Example Corp, CN=Example CA", true],
            ["cn=example ca,o=example corp,c=us", true],
            ["US", false],
            ["Example", false],
            ["CN=Example CA", false],
            ["CN=Example CA, O=Example Corp, C=US, OU=Extra", false],
            ["", false],
        ])("%j → %s", (entry, expected) => {
            expect(issuerMatches(issuer, entry)).toBe(expected);
        });
    });
});
