/**
 * Example: one client certificate on two hostnames, and rotating it.
 *
 * Shows that a certificate does nothing until a `HostnameAssociation` puts it on a hostname, and
 * how rotation works once it is in use. Each association takes the certificate's `certificateId`
 * output, so when `generation` changes, one `pulumi up`:
 *   1. uploads the new certificate and waits until it is `active`,
 *   2. moves both hostnames to it, waiting until each association is `active` again,
 *   3. only then deletes the old certificate.
 * Neither hostname is ever without an active certificate. `pulumi destroy` voids the associations
 * first and then deletes the certificate, in one run.
 *
 * Config: `zoneId`; `generation` names the files to use (certs/<generation>.pem and .key);
 * `hostnames` (default api.example.com and www.example.com).
 * Rotate with `pulumi config set generation 2026-q2 && pulumi up`.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const generation = config.require("generation");
const hostnames = config.getObject<string[]>("hostnames") ?? ["api.example.com", "www.example.com"];

const certificate = new HostnameCertificate("origin", {
    zoneId,
    certificate: fs.readFileSync(`certs/${generation}.pem`, "utf8"),
    privateKey: fs.readFileSync(`certs/${generation}.key`, "utf8"),
});

// One association per hostname, named after it. Pass the output, not a copied ID: that is what
// lets Pulumi order rotation and destroy.
const associations = hostnames.map(
    (hostname) => new HostnameAssociation(hostname, { zoneId, hostname, certificateId: certificate.certificateId }),
);

export const generationDeployed = generation;
export const certificateId = certificate.certificateId;
export const expiresOn = certificate.expiresOn;
export const hostnameStatus = Object.fromEntries(associations.map((a, i) => [hostnames[i], a.status]));
