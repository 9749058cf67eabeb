/** The plugin's package schema: the resources' inputs, outputs, secrets and defaults, and the provider config. */
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN, PLUGIN_PACKAGE } from "../../../provider/contract";
import { packageSchema } from "../../../provider/plugin/schema";
import { SETTINGS_SOURCES } from "../../../provider/core/credentials";
import { ASSOCIATION_INPUT_NAMES, CERTIFICATE_INPUT_NAMES } from "../../../provider/contract";

type Property = { type: string; secret?: boolean; default?: unknown; description: string };
type Resource = { inputProperties: Record<string, Property>; properties: Record<string, Property>; requiredInputs: string[]; required: string[] };

const schema = packageSchema("1.2.3") as { name: string; version: string; resources: Record<string, Resource>; config: { variables: Record<string, Property> } };

describe("plugin schema", () => {
    test("names the package, version and both resources by their tokens", () => {
        expect(schema.name).toBe(PLUGIN_PACKAGE);
        expect(schema.version).toBe("1.2.3");
        expect(Object.keys(schema.resources)).toEqual([PLUGIN_CERTIFICATE_TOKEN, PLUGIN_ASSOCIATION_TOKEN]);
    });

    test("HostnameCertificate: the key is a required secret input and never an output", () => {
        const certificate = schema.resources[PLUGIN_CERTIFICATE_TOKEN];
        expect(certificate.inputProperties.privateKey).toMatchObject({ type: "string", secret: true });
        expect(certificate.properties).not.toHaveProperty("privateKey");
        expect(certificate.requiredInputs).toEqual(["zoneId", "certificate", "privateKey"]);
        expect(certificate.inputProperties.createTimeout.default).toBe("10m");
        expect(Object.keys(certificate.properties)).toEqual(expect.arrayContaining(["certificateId", "status", "expiresOn", "privateKeyFingerprint"]));
    });

    test("the inputs are the dynamic providers' (the URN, the SDK's import marker and preview fingerprint aside)", () => {
        const dynamicOnly = new Set(["__urn", "__import", "privateKeyFingerprint"]);
        expect(Object.keys(schema.resources[PLUGIN_CERTIFICATE_TOKEN].inputProperties)).toEqual(CERTIFICATE_INPUT_NAMES.filter((n: string) => !dynamicOnly.has(n)));
        expect(Object.keys(schema.resources[PLUGIN_ASSOCIATION_TOKEN].inputProperties)).toEqual(ASSOCIATION_INPUT_NAMES.filter((n: string) => !dynamicOnly.has(n)));
        expect(schema.resources[PLUGIN_ASSOCIATION_TOKEN].inputProperties.enabled.default).toBe(true);
    });

    test("the provider config has every setting of the dynamic provider, credentials secret", () => {
        expect(Object.keys(schema.config.variables).sort()).toEqual(Object.keys(SETTINGS_SOURCES).sort());
        expect(schema.config.variables.apiToken.secret).toBe(true);
        expect(schema.config.variables.apiKey.secret).toBe(true);
    });
});
