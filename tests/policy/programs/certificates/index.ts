// Declares `count` HostnameCertificate resources in one zone, from stack config: `certificate`
// (PEM), `privateKey` (secret PEM), `zoneId`, `count` (default 1). The policy pack sees exactly
// what it would see for the SDK class: the type token pulumi-nodejs:dynamic/cloudflare:HostnameCertificate,
// the same inputs, and after `pulumi up` the same outputs.
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const certificate = config.require("certificate");
const privateKey = config.requireSecret("privateKey");
const count = config.getNumber("count") ?? 1;

// Stands in for the SDK's HostnameCertificate (sdk/hostnameCertificate.ts): same module, type and
// inputs, but a provider that calls no API. `create` returns the outputs Cloudflare would report,
// with expiresOn read from the certificate, so a stack policy can judge the deployed certificate.
const standInProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        const { X509Certificate, randomUUID } = require("node:crypto");
        const leaf = new X509Certificate(inputs.certificate);
        const id: string = randomUUID();
        return {
            id,
            outs: {
                zoneId: inputs.zoneId,
                certificate: inputs.certificate,
                certificateId: id,
                status: "active",
                issuer: leaf.issuer,
                serialNumber: leaf.serialNumber.toLowerCase(),
                signature: "SHA256WithRSA",
                expiresOn: new Date(leaf.validTo).toISOString(),
                uploadedOn: new Date().toISOString(),
            },
        };
    },
};

for (let index = 1; index <= count; index++) {
    new pulumi.dynamic.Resource(
        standInProvider,
        count === 1 ? "origin" : `origin-${index}`,
        { zoneId, certificate, privateKey, certificateId: undefined, expiresOn: undefined },
        { additionalSecretOutputs: ["privateKey"] },
        "cloudflare",
        "HostnameCertificate",
    );
}
