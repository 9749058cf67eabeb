/**
 * The resource plugin's adapter without an engine: it picks the resource by the URN's type, hands
 * the dynamic providers plain values and the URN, keeps the key a secret in what goes back, answers
 * previews without the key, refuses malformed import IDs before any request, and names its own config keys.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { PluginProvider, urnType } from "../../../provider/plugin/adapter";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN } from "../../../provider/contract";
import { ImportIdError } from "../../../provider/plugin/importId";
import { unwrapSecrets, wrapSecrets } from "../../../provider/plugin/secrets";
import { pluginConfig, withPluginConfigKeys } from "../../../provider/plugin/settings";
import { memoryReporter } from "../../../provider/runtime/progress";
import { makeCertificate } from "../../fixtures/certificates";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT_URN = `urn:pulumi:dev::proj::${PLUGIN_CERTIFICATE_TOKEN}::origin`;
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

function plugin(): PluginProvider {
    // No credentials and no base URL: any request would fail, so a passing test made none.
    return new PluginProvider("1.2.3", { env: {}, progress: memoryReporter() });
}

describe("plugin adapter", () => {
    test("the URN's type picks the resource, also under a parent", () => {
        expect(urnType(CERT_URN)).toBe(PLUGIN_CERTIFICATE_TOKEN);
        expect(urnType(`urn:pulumi:dev::proj::my:index:Component$${PLUGIN_ASSOCIATION_TOKEN}::api`)).toBe(PLUGIN_ASSOCIATION_TOKEN);
    });

    test("check validates plain values and returns the key as a secret, without the URN", async () => {
        const made = await makeCertificate({ commonName: "origin.example.com" });
        const result = await plugin().check(CERT_URN, {}, { zoneId: ZONE_ID, certificate: made.certificate, privateKey: made.privateKey });
        expect(result.failures).toEqual([]);
        expect(result.inputs).toEqual({ zoneId: ZONE_ID, certificate: made.certificate, privateKey: secret(made.privateKey) });
    });

    test("check keeps what the program made secret secret, and reports failures by property", async () => {
        const made = await makeCertificate({ commonName: "origin.example.com" });
        const result = await plugin().check(CERT_URN, {}, { zoneId: secret("ZONE"), certificate: made.certificate, privateKey: secret(made.privateKey) });
        expect(result.failures).toEqual([expect.objectContaining({ property: "zoneId" })]);
        expect(result.inputs).toMatchObject({ zoneId: secret("ZONE"), privateKey: secret(made.privateKey) });
    });

    test("a preview's outputs are the stored outputs and new inputs, never the key", () => {
        const outs = plugin().previewOutputs(CERT_URN, { certificateId: "id", status: "active" }, { zoneId: secret(ZONE_ID), privateKey: secret("KEY"), __urn: CERT_URN });
        expect(outs).toEqual({ certificateId: "id", status: "active", zoneId: secret(ZONE_ID) });
    });

    test("an unknown resource type fails naming the two it serves", async () => {
        await expect(plugin().check("urn:pulumi:dev::proj::other:index:Thing::x", {}, {})).rejects.toThrow(`this plugin serves ${PLUGIN_CERTIFICATE_TOKEN} and ${PLUGIN_ASSOCIATION_TOKEN}`);
    });

    test.each([
        ["no zone", "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", /is not <zoneId>\/<certificateId>/],
        ["a bad zone", "ZONE/2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", /zoneId must be/],
        ["a bad certificate ID", `${ZONE_ID}/cert-1`, /"cert-1" is not a certificate ID/],
    ])("an import ID with %s fails before any request", async (_what, id, message) => {
        const read = plugin().read(id, CERT_URN, {});
        await expect(read).rejects.toThrow(ImportIdError);
        await expect(read).rejects.toThrow(message);
    });

    test("an association's import ID needs a valid hostname", async () => {
        await expect(plugin().read(`${ZONE_ID}/API.example.com`, `urn:pulumi:dev::proj::${PLUGIN_ASSOCIATION_TOKEN}::api`, {})).rejects.toThrow(/hostname must be lowercase/);
    });

    test("errors from the shared code name the plugin's config keys", async () => {
        const made = await makeCertificate({ commonName: "origin.example.com" });
        const create = plugin().create(CERT_URN, { zoneId: ZONE_ID, certificate: made.certificate, privateKey: secret(made.privateKey) });
        await expect(create).rejects.toThrow("pulumi config set --secret cloudflare-hostname-certificates:apiToken");
        expect(withPluginConfigKeys("set cloudflare:baseUrl (or CLOUDFLARE_BASE_URL); cloudflare:other stays")).toBe("set cloudflare-hostname-certificates:baseUrl (or CLOUDFLARE_BASE_URL); cloudflare:other stays");
    });
});

describe("plugin secrets and config", () => {
    test("secrets unwrap deeply and wrap again by name, the key always", () => {
        const { plain, secret: names } = unwrapSecrets({ a: secret("x"), b: { c: secret("y") }, privateKey: "k" });
        expect(plain).toEqual({ a: "x", b: { c: "y" }, privateKey: "k" });
        expect([...names]).toEqual(["a"]);
        expect(wrapSecrets(plain, names)).toEqual({ a: secret("x"), b: { c: "y" }, privateKey: secret("k") });
    });

    test("the dynamic provider's cloudflare:<key> reads the plugin's <package>:config:<key>", () => {
        const config = pluginConfig(new Map([["cloudflare-hostname-certificates:config:apiToken", "t"]]));
        expect(config.get("cloudflare:apiToken")).toBe("t");
        expect(config.get("cloudflare:baseUrl")).toBeUndefined();
        expect(config.get("other:apiToken")).toBeUndefined();
    });
});
