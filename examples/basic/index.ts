/**
 * Example: one client certificate in one zone.
 *
 * Shows the smallest complete program: the certificate read from a PEM file, its private key from
 * secret stack config, and `pulumi up` returning only once Cloudflare reports the certificate
 * `active`.
 *
 * Config: `zoneId`; `clientKey` (secret, the PEM private key); `certificateFile` (default client.pem).
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();

const certificate = new HostnameCertificate("api-origin", {
    zoneId: config.require("zoneId"),
    certificate: fs.readFileSync(config.get("certificateFile") ?? "client.pem", "utf8"),
    privateKey: config.requireSecret("clientKey"),
});

export const certificateId = certificate.certificateId;
export const status = certificate.status;
export const expiresOn = certificate.expiresOn;
