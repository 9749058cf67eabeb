/** The user-facing HostnameAssociation class under Pulumi's mocks, and the provider module it carries. */
import * as pulumi from "@pulumi/pulumi";
import { ASSOCIATION_TYPE_TOKEN, HostnameAssociation, HostnameCertificate } from "../../sdk";
import { providerModule } from "../../sdk/providerModule";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";

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

    test("__provider is the association provider module, the same for every association, with no credentials", async () => {
        process.env.CLOUDFLARE_API_TOKEN = "token-that-must-not-be-captured-0123456789";
        try {
            new HostnameAssociation("a", { zoneId: ZONE, hostname: "a.example.com", certificateId: CERT });
            new HostnameAssociation("b", { zoneId: ZONE, hostname: "b.example.com", certificateId: CERT });
            await new Promise((resolve) => setTimeout(resolve, 50));
        } finally {
            delete process.env.CLOUDFLARE_API_TOKEN;
        }
        const [a, b] = ["a", "b"].map((name) => registrations.find((r) => r.name === name)!);
        expect(a.object.__provider).toBe(providerModule("hostnameAssociationProvider"));
        expect(b.object.__provider).toBe(a.object.__provider);
    });
});
