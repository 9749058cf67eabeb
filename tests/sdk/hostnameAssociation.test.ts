/** The user-facing HostnameAssociation class under Pulumi's mocks: what it registers and which outputs it declares. */
import { HOSTNAME_ASSOCIATION_TYPE, HostnameAssociation, HostnameCertificate } from "../../sdk";
import { providerModule } from "../../sdk/providerModule";
import { expectOutputsRead, recordRegistrations, registered } from "./mocks";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
/** The engine's answer for every association: a distinct value per output, none equal to an input. */
const OUTPUTS = {
    zoneId: "zone-from-the-engine",
    hostname: "hostname-from-the-engine",
    certificateId: "certificate-id-from-the-engine",
    enabled: false,
    status: "active",
    certStatus: "pending_deployment",
    expiresOn: "2100-01-01T00:00:00Z",
    ownership: "imported",
    managedCertificateId: "managed-certificate-id-from-the-engine",
};

const registrations = recordRegistrations(`${ZONE}/api.example.com`, OUTPUTS);

describe("HostnameAssociation", () => {
    test("registers its own type token with the inputs as given; unset ones are left out", async () => {
        const association = new HostnameAssociation("api", { zoneId: ZONE, hostname: "api.example.com", certificateId: CERT, createTimeout: "5m" });
        const [registration] = await registered(registrations, [association]);
        expect(registration.type).toBe("pulumi-nodejs:dynamic/cloudflare:HostnameAssociation");
        expect(HOSTNAME_ASSOCIATION_TYPE).toBe(registration.type);
        const { __provider, __urn, ...inputs } = registration.inputs;
        expect(inputs).toEqual({ zoneId: ZONE, hostname: "api.example.com", certificateId: CERT, createTimeout: "5m" });
        expect(__provider).toBe(providerModule("hostnameAssociationProvider"));
        expect(__urn).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/cloudflare:HostnameAssociation::api");
        expect(registration.additionalSecretOutputs).toEqual([]);
    });

    test("every association carries the same __provider", async () => {
        const a = new HostnameAssociation("a", { zoneId: ZONE, hostname: "a.example.com", certificateId: CERT, enabled: false });
        const b = new HostnameAssociation("b", { zoneId: ZONE, hostname: "b.example.com", certificateId: CERT });
        const [first, second] = await registered(registrations, [a, b]);
        expect(first.inputs.enabled).toBe(false);
        expect(second.inputs.__provider).toBe(first.inputs.__provider);
    });

    test("the import option goes to the provider as __import, not to the engine, whose import cannot read a dynamic resource", async () => {
        const imported = new HostnameAssociation("imported", { zoneId: ZONE, hostname: "app.example.com", certificateId: CERT }, { import: "app.example.com" });
        const plain = new HostnameAssociation("plain", { zoneId: ZONE, hostname: "plain.example.com", certificateId: CERT });
        const [withOption, without] = await registered(registrations, [imported, plain]);
        expect([withOption.importId, withOption.inputs.__import]).toEqual(["", "app.example.com"]);
        expect([without.importId, "__import" in without.inputs]).toEqual(["", false]);
    });

    test("each declared output reads the engine's output of the same name", async () => {
        const association = new HostnameAssociation("www", { zoneId: ZONE, hostname: "www.example.com", certificateId: CERT });
        await expectOutputsRead(association, OUTPUTS);
        expect(HostnameAssociation.isInstance(association)).toBe(true);
        expect(HostnameCertificate.isInstance(association)).toBe(false);
        expect(HostnameAssociation.isInstance({})).toBe(false);
    });
});
