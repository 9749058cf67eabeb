/** The user-facing class, under Pulumi's mocks: type token, secrets, declared outputs. */
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate, TYPE_TOKEN } from "../../sdk";
import { providerModule } from "../../sdk/providerModule";
import { keyFingerprint } from "../../provider/shared/pem";
import { makeCertificate } from "../fixtures/certificates";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const PLAIN_KEY = "-----BEGIN PRIVATE KEY-----\nMIIplainkeymaterial0123456789abcdef\n-----END PRIVATE KEY-----\n";

interface Registration {
    type: string;
    name: string;
    object: Record<string, unknown>;
    additionalSecretOutputs: string[];
}

const registrations: Registration[] = [];

beforeAll(() => {
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60",
                state: { ...args.inputs, certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", status: "active", issuer: "Fixture", expiresOn: "2100-01-01T00:00:00Z" },
            }),
            call: () => ({}),
        },
        "project",
        "stack",
        false,
    );
    // Record what goes over the wire to the engine, secrets still wrapped.
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => void };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            object: req.getObject().toJavaScript(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        });
        original(req, cb);
    };
});

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("HostnameCertificate", () => {
    test("registers the dynamic type token with a secret privateKey, even from a plain string", async () => {
        const cert = new HostnameCertificate("api-origin", {
            zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
            certificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            privateKey: PLAIN_KEY,
            createTimeout: "5m",
        });
        expect(await promiseOf(cert.status)).toBe("active");
        const registration = registrations.find((r) => r.name === "api-origin")!;
        expect(registration.type).toBe("pulumi-nodejs:dynamic/cloudflare:HostnameCertificate");
        expect(TYPE_TOKEN).toBe(registration.type);
        expect(registration.object.privateKey).toMatchObject({ [SIG_KEY]: SECRET_SIG, value: PLAIN_KEY });
        expect(registration.additionalSecretOutputs).toContain("privateKey");
        expect(registration.object).toMatchObject({ zoneId: "023e105f4ecef8ad9ca31a8372d0c353", createTimeout: "5m" });
        expect(registration.object).not.toHaveProperty("deleteTimeout");
    });

    test("outside a preview the key itself is sent, a secret, and its fingerprint in the clear", async () => {
        const made = await makeCertificate();
        const cert = new HostnameCertificate("real-key", { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificate: made.certificate, privateKey: made.privateKey });
        expect(await promiseOf(cert.privateKeyFingerprint)).toBe(keyFingerprint(made.privateKey));
        const registration = registrations.find((r) => r.name === "real-key")!;
        expect(registration.object.privateKey).toEqual({ [SIG_KEY]: SECRET_SIG, value: made.privateKey });
        expect(registration.object.privateKeyFingerprint).toBe(keyFingerprint(made.privateKey));
    });

    test("__provider is the certificate provider module, the same for every resource, with no key or credentials", async () => {
        process.env.CLOUDFLARE_API_TOKEN = "token-that-must-not-be-captured-0123456789";
        try {
            new HostnameCertificate("a", { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificate: "c", privateKey: PLAIN_KEY });
            new HostnameCertificate("b", { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificate: "c", privateKey: PLAIN_KEY }, { additionalSecretOutputs: ["certificate"] });
            await new Promise((resolve) => setTimeout(resolve, 50));
        } finally {
            delete process.env.CLOUDFLARE_API_TOKEN;
        }
        const [a, b] = ["a", "b"].map((name) => registrations.find((r) => r.name === name)!);
        expect(a.object.__provider).toBe(providerModule("hostnameCertificateProvider"));
        expect(b.object.__provider).toBe(a.object.__provider);
        expect(b.additionalSecretOutputs.sort()).toEqual(["certificate", "privateKey"]);
    });

    test("declared outputs resolve from the provider's outputs", async () => {
        const cert = new HostnameCertificate("outputs", { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificate: "c", privateKey: PLAIN_KEY });
        expect(await promiseOf(cert.certificateId)).toBe("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60");
        expect(await promiseOf(cert.issuer)).toBe("Fixture");
        expect(await promiseOf(cert.expiresOn)).toBe("2100-01-01T00:00:00Z");
        expect(await promiseOf(cert.zoneId)).toBe("023e105f4ecef8ad9ca31a8372d0c353");
        expect(await promiseOf(cert.id)).toBe("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60");
        expect(HostnameCertificate.isInstance(cert)).toBe(true);
        expect(HostnameCertificate.isInstance({})).toBe(false);
    });
});

describe("__urn", () => {
    test("is the resource's own URN, parent type included, so the provider's status lines reach its row", async () => {
        const parent = new pulumi.ComponentResource("my:index:Origin", "origin");
        const cert = new HostnameCertificate(
            "api-origin-child",
            { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificate: "x", privateKey: PLAIN_KEY },
            { parent },
        );
        const urn = await promiseOf(cert.urn);
        expect(urn).toBe("urn:pulumi:stack::project::my:index:Origin$pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::api-origin-child");
        expect(registrations.find((r) => r.name === "api-origin-child")!.object.__urn).toBe(urn);
    });
});
