/** The user-facing class under Pulumi's mocks: what it registers (type, inputs, secrets, options) and which outputs it declares. */
import * as pulumi from "@pulumi/pulumi";
import { HOSTNAME_CERTIFICATE_TYPE, HostnameCertificate } from "../../sdk";
import { providerModule } from "../../sdk/providerModule";
import { keyFingerprint } from "../../provider/core/pem";
import { makeCertificate } from "../fixtures/certificates";
import { expectOutputsRead, recordRegistrations, registered, SECRET_KEY, SECRET_SIG } from "./mocks";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const PLAIN_KEY = "-----BEGIN PRIVATE KEY-----\nMIIplainkeymaterial0123456789abcdef\n-----END PRIVATE KEY-----\n";
/** The engine's answer for every certificate: a distinct value per output, none equal to an input. */
const OUTPUTS = {
    zoneId: "zone-from-the-engine",
    certificate: "certificate-from-the-engine",
    certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60",
    privateKeyFingerprint: "fingerprint-from-the-engine",
    status: "active",
    issuer: "issuer-from-the-engine",
    serialNumber: "serial-from-the-engine",
    signature: "signature-from-the-engine",
    expiresOn: "2100-01-01T00:00:00Z",
    uploadedOn: "2099-01-01T00:00:00Z",
};

const registrations = recordRegistrations(OUTPUTS.certificateId, OUTPUTS);

describe("HostnameCertificate", () => {
    test("registers the dynamic type token with the inputs as given, privateKey a secret even from a plain string", async () => {
        const cert = new HostnameCertificate("api-origin", { zoneId: ZONE, certificate: "PEM", privateKey: PLAIN_KEY, createTimeout: "5m" });
        const [registration] = await registered(registrations, [cert]);
        expect(registration.type).toBe("pulumi-nodejs:dynamic/cloudflare:HostnameCertificate");
        expect(HOSTNAME_CERTIFICATE_TYPE).toBe(registration.type);
        const { __provider, __urn, ...inputs } = registration.inputs;
        expect(inputs).toEqual({ zoneId: ZONE, certificate: "PEM", privateKey: { [SECRET_KEY]: SECRET_SIG, value: PLAIN_KEY }, createTimeout: "5m" });
        expect(__provider).toBe(providerModule("hostnameCertificateProvider"));
        expect(__urn).toBe(await new Promise((resolve) => cert.urn.apply(resolve)));
        expect(registration.additionalSecretOutputs).toEqual(["privateKey"]);
    });

    test("outside a preview the key itself is sent, a secret, and its fingerprint in the clear", async () => {
        const made = await makeCertificate();
        const cert = new HostnameCertificate("real-key", { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey });
        const [registration] = await registered(registrations, [cert]);
        expect(registration.inputs.privateKey).toEqual({ [SECRET_KEY]: SECRET_SIG, value: made.privateKey });
        expect(registration.inputs.privateKeyFingerprint).toBe(keyFingerprint(made.privateKey));
    });

    test("adds privateKey to the program's own additionalSecretOutputs, and every certificate carries the same __provider", async () => {
        const a = new HostnameCertificate("a", { zoneId: ZONE, certificate: "c", privateKey: PLAIN_KEY });
        const b = new HostnameCertificate("b", { zoneId: ZONE, certificate: "c", privateKey: PLAIN_KEY }, { additionalSecretOutputs: ["certificate"] });
        const [first, second] = await registered(registrations, [a, b]);
        expect(second.additionalSecretOutputs.sort()).toEqual(["certificate", "privateKey"]);
        expect(second.inputs.__provider).toBe(first.inputs.__provider);
    });

    test("the import option goes to the provider as __import, not to the engine, whose import cannot read a dynamic resource", async () => {
        const id = "9b0e4c1f-0c35-4c7f-82c7-8e9487d3ff60";
        const imported = new HostnameCertificate("imported", { zoneId: ZONE, certificate: "c", privateKey: PLAIN_KEY }, { import: id, protect: false });
        const plain = new HostnameCertificate("plain", { zoneId: ZONE, certificate: "c", privateKey: PLAIN_KEY });
        const [withOption, without] = await registered(registrations, [imported, plain]);
        expect([withOption.importId, withOption.inputs.__import]).toEqual(["", id]);
        expect(withOption.additionalSecretOutputs).toEqual(["privateKey"]);
        expect([without.importId, "__import" in without.inputs]).toEqual(["", false]);
    });

    test("each declared output reads the engine's output of the same name", async () => {
        const cert = new HostnameCertificate("outputs", { zoneId: ZONE, certificate: "c", privateKey: PLAIN_KEY });
        await expectOutputsRead(cert, OUTPUTS);
        expect(HostnameCertificate.isInstance(cert)).toBe(true);
        expect(HostnameCertificate.isInstance({})).toBe(false);
    });

    test("__urn is the resource's own URN, parent type included, so the provider's status lines reach its row", async () => {
        const parent = new pulumi.ComponentResource("my:index:Origin", "origin");
        const cert = new HostnameCertificate("api-origin-child", { zoneId: ZONE, certificate: "x", privateKey: PLAIN_KEY }, { parent });
        const [registration] = await registered(registrations, [cert]);
        expect(registration.inputs.__urn).toBe("urn:pulumi:stack::project::my:index:Origin$pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::api-origin-child");
    });
});
