// A certificate on one hostname, from stack config, written as a user would (README.md).
import * as pulumi from "@pulumi/pulumi";
import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const cert = new HostnameCertificate("origin", {
    zoneId,
    certificate: config.require("certificate"),
    privateKey: config.requireSecret("privateKey"),
});
const association = new HostnameAssociation("api", { zoneId, hostname: "api.example.com", certificateId: cert.certificateId });

export const certificateId = cert.certificateId;
export const status = cert.status;
export const associationStatus = association.status;
