/** The user-facing HostnameAssociation class under Pulumi's mocks, and its serialized provider shell. */
import * as pulumi from "@pulumi/pulumi";
import { ASSOCIATION_TYPE_TOKEN, HostnameAssociation, HostnameCertificate } from "../../sdk";
import { associationProviderShell, providerShell } from "../../sdk/providerShell";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";

const implementation = {
    configure: jest.fn(async () => undefined),
    check: jest.fn(async () => ({ inputs: { checked: true }, failures: [] })),
    diff: jest.fn(async () => ({ changes: false })),
    create: jest.fn(async () => ({ id: "new-id", outs: {} })),
    read: jest.fn(async () => ({ id: "read-id" })),
    update: jest.fn(async () => ({ outs: { updated: true } })),
    delete: jest.fn(async () => undefined),
};
jest.mock("pulumi-cloudflare-hostname-certificates/provider", () => ({ hostnameAssociationProvider: implementation }), { virtual: true });

interface Registration {
    type: string;
    name: string;
    object: Record<string, unknown>;
}
const registrations: Registration[] = [];

beforeAll(() => {
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: `${args.inputs.zoneId}/${args.inputs.hostname}`,
                state: { ...args.inputs, enabled: args.inputs.enabled ?? true, status: "active", certStatus: "active", expiresOn: "2100-01-01T00:00:00Z" },
            }),
            call: () => ({}),
        },
        "project",
        "stack",
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => void };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        registrations.push({ type: req.getType(), name: req.getName(), object: req.getObject().toJavaScript() });
        original(req, cb);
    };
});

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("HostnameAssociation", () => {
    test("registers its own type token with the inputs as given; unset ones are left out", async () => {
        const association = new HostnameAssociation("api", { zoneId: ZONE, hostname: "api.example.com", certificateId: CERT, createTimeout: "5m" });
        expect(await promiseOf(association.status)).toBe("active");
        const registration = registrations.find((r) => r.name === "api")!;
        expect(registration.type).toBe("pulumi-nodejs:dynamic/cloudflare:HostnameAssociation");
        expect(ASSOCIATION_TYPE_TOKEN).toBe(registration.type);
        expect(registration.object).toMatchObject({ zoneId: ZONE, hostname: "api.example.com", certificateId: CERT, createTimeout: "5m" });
        expect(registration.object).not.toHaveProperty("enabled");
        expect(registration.object).not.toHaveProperty("deleteTimeout");
    });

    test("declared outputs resolve; the ID is <zoneId>/<hostname>", async () => {
        const association = new HostnameAssociation("www", { zoneId: ZONE, hostname: "www.example.com", certificateId: CERT, enabled: false });
        expect(await promiseOf(association.id)).toBe(`${ZONE}/www.example.com`);
        expect(await promiseOf(association.enabled)).toBe(false);
        expect(await promiseOf(association.certStatus)).toBe("active");
        expect(await promiseOf(association.expiresOn)).toBe("2100-01-01T00:00:00Z");
        expect(await promiseOf(association.certificateId)).toBe(CERT);
        expect(await promiseOf(association.hostname)).toBe("www.example.com");
        expect(HostnameAssociation.isInstance(association)).toBe(true);
        expect(HostnameCertificate.isInstance(association)).toBe(false);
        expect(HostnameAssociation.isInstance({})).toBe(false);
    });

    test("__provider is the association shell: small, shared by every association, no credentials", async () => {
        process.env.CLOUDFLARE_API_TOKEN = "token-that-must-not-be-captured-0123456789";
        try {
            new HostnameAssociation("a", { zoneId: ZONE, hostname: "a.example.com", certificateId: CERT });
            new HostnameAssociation("b", { zoneId: ZONE, hostname: "b.example.com", certificateId: CERT });
            await new Promise((resolve) => setTimeout(resolve, 50));
        } finally {
            delete process.env.CLOUDFLARE_API_TOKEN;
        }
        const [a, b] = ["a", "b"].map((name) => registrations.find((r) => r.name === name)!);
        const provider = a.object.__provider as string;
        expect(b.object.__provider).toBe(provider);
        expect(Buffer.byteLength(provider)).toBeLessThan(4096);
        process.stdout.write(`association __provider in state: ${Buffer.byteLength(provider)} bytes per resource\n`);
        expect(provider).toContain('require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider');
        expect(provider).not.toContain("hostnameCertificateProvider");
        expect(provider).not.toContain("token-that-must-not-be-captured");
    });
});

describe("association provider shell", () => {
    test("each method body is only a delegation to hostnameAssociationProvider", () => {
        for (const [name, method] of Object.entries(associationProviderShell)) {
            const source = (method as () => unknown).toString();
            const body = source.slice(source.indexOf("{") + 1, source.lastIndexOf("}")).trim();
            expect(body).toMatch(
                new RegExp(`^return require\\("pulumi-cloudflare-hostname-certificates/provider"\\)\\.hostnameAssociationProvider\\.${name}\\([\\w, ]*\\);$`),
            );
        }
        expect(Object.keys(associationProviderShell).sort()).toEqual(Object.keys(providerShell).sort());
    });

    test("delegates every method with its arguments and returns the result", async () => {
        const config = { get: () => undefined, require: () => "" };
        await associationProviderShell.configure!({ config });
        expect(implementation.configure).toHaveBeenCalledWith({ config });
        expect(await associationProviderShell.check!({ a: 1 }, { b: 2 })).toEqual({ inputs: { checked: true }, failures: [] });
        expect(implementation.check).toHaveBeenCalledWith({ a: 1 }, { b: 2 });
        expect(await associationProviderShell.diff!("id", { o: 1 }, { n: 1 })).toEqual({ changes: false });
        expect(await associationProviderShell.create({ x: 1 })).toEqual({ id: "new-id", outs: {} });
        expect(await associationProviderShell.read!("id", { p: 1 })).toEqual({ id: "read-id" });
        expect(await associationProviderShell.update!("id", { o: 1 }, { n: 2 })).toEqual({ outs: { updated: true } });
        await associationProviderShell.delete!("id", { p: 1 });
        expect(implementation.delete).toHaveBeenCalledWith("id", { p: 1 });
    });
});
