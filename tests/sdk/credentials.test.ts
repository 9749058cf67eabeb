/**
 * Credentials never enter what a program registers, and so never reach state: with every
 * credential set both in the environment and in stack config, no input of any resource, in any
 * property, contains one. The private key appears in `privateKey` only, as a secret.
 */
import { HostnameAssociation, HostnameCertificate } from "../../sdk";
import { recordRegistrations, registered, SECRET_KEY, SECRET_SIG } from "./mocks";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const KEY_BODY = "MIIplainkeymaterial0123456789abcdef";
const KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
const ENV = {
    CLOUDFLARE_API_TOKEN: "env-token-that-must-not-be-captured-012345",
    CLOUDFLARE_API_KEY: "env-key-that-must-not-be-captured",
    CLOUDFLARE_EMAIL: "env-email@captured.example",
};
const CONFIG = {
    "cloudflare:apiToken": "config-token-that-must-not-be-captured-0123",
    "cloudflare:apiKey": "config-key-that-must-not-be-captured",
    "cloudflare:email": "config-email@captured.example",
};

const registrations = recordRegistrations("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", { certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60" }, CONFIG);
beforeAll(() => Object.assign(process.env, ENV));
afterAll(() => {
    for (const name of Object.keys(ENV)) delete process.env[name];
});

test("no registered input of any resource holds a credential from the environment or stack config; the key is only in privateKey, as a secret", async () => {
    const cert = new HostnameCertificate("origin", { zoneId: ZONE, certificate: "PEM", privateKey: KEY });
    const association = new HostnameAssociation("api", { zoneId: ZONE, hostname: "api.example.com", certificateId: cert.certificateId });
    const [certificate] = await registered(registrations, [cert, association]);
    expect(registrations.length).toBeGreaterThanOrEqual(2);
    for (const { name, inputs } of registrations) {
        const text = JSON.stringify(inputs);
        for (const credential of [...Object.values(ENV), ...Object.values(CONFIG)]) expect([name, text]).not.toEqual([name, expect.stringContaining(credential)]);
        const { privateKey, ...others } = inputs;
        expect([name, JSON.stringify(others)]).not.toEqual([name, expect.stringContaining(KEY_BODY)]);
        if (privateKey !== undefined) expect(privateKey).toEqual({ [SECRET_KEY]: SECRET_SIG, value: KEY });
    }
    expect(certificate.inputs.privateKey).toBeDefined();
});
