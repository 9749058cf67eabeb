/**
 * Example: rotating a client certificate.
 *
 * Shows what happens when the certificate (and its key) change: Pulumi replaces the resource, and
 * by default creates the replacement first. `pulumi up` uploads the new certificate, waits until it
 * is `active`, and only then deletes the old one, so the zone never lacks an active certificate.
 *
 * Config: `zoneId`; `generation` names the files to use (certs/<generation>.pem and .key).
 * Rotate with `pulumi config set generation 2026-q2 && pulumi up`.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();
const generation = config.require("generation");

const certificate = new HostnameCertificate("api-origin", {
    zoneId: config.require("zoneId"),
    certificate: fs.readFileSync(`certs/${generation}.pem`, "utf8"),
    privateKey: fs.readFileSync(`certs/${generation}.key`, "utf8"),
    // Give a slow deployment time before the old certificate is touched.
    createTimeout: "15m",
});

export const generationDeployed = generation;
export const certificateId = certificate.certificateId;
export const expiresOn = certificate.expiresOn;
