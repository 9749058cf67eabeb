/**
 * What `HostnameCertificate` sends in a preview (Pulumi's mocks with `preview` set): a key that parses
 * goes as the engine's unknown value, so no preview can echo it into a log, with its fingerprint in
 * the clear; a key that does not parse goes as it is, so check can say why.
 */
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "../../sdk";
import { UNKNOWN } from "../../provider/contract";
import { keyFingerprint } from "../../provider/core/pem";
import { makeCertificate, pemLines } from "../fixtures/certificates";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

const registrations = new Map<string, Record<string, unknown>>();

beforeAll(() => {
    pulumi.runtime.setMocks({ newResource: (args) => ({ id: "", state: args.inputs }), call: () => ({}) }, "project", "stack", true);
    // Record what goes over the wire to the engine, secrets still wrapped.
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => void };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        registrations.set(req.getName(), req.getObject().toJavaScript());
        original(req, cb);
    };
});

async function registered(name: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100 && !registrations.has(name); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return registrations.get(name)!;
}

describe("HostnameCertificate in a preview", () => {
    test("a key that parses is sent as unknown (still a secret), its fingerprint in the clear", async () => {
        expect(pulumi.runtime.isDryRun()).toBe(true);
        const made = await makeCertificate();
        new HostnameCertificate("parses", { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey });
        const object = await registered("parses");
        expect(object.privateKey).toEqual({ [SIG_KEY]: SECRET_SIG, value: UNKNOWN });
        expect(object.privateKeyFingerprint).toBe(keyFingerprint(made.privateKey));
        for (const line of pemLines(made.privateKey)) expect(JSON.stringify(object)).not.toContain(line);
    });

    test("a key that does not parse is sent as it is, a secret, with no fingerprint", async () => {
        const made = await makeCertificate({ passphrase: "pw-123456" });
        new HostnameCertificate("encrypted", { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey });
        const object = await registered("encrypted");
        expect(object.privateKey).toEqual({ [SIG_KEY]: SECRET_SIG, value: made.privateKey });
        expect(object).not.toHaveProperty("privateKeyFingerprint");
    });
});
