/**
 * The demo program: two client certificates for per-hostname Authenticated Origin Pulls in one
 * zone, read from PEM files as users do, each put on its hostname. `pulumi up` returns only once
 * Cloudflare reports each certificate and each association `active`; the private keys are secrets
 * in state; `pulumi destroy` voids the associations before deleting the certificates.
 *
 * Config: `zoneId` (the Cloudflare zone), `certificateDir` (holds <name>.pem and <name>.key for
 * each name in `names`, default "api,www"; each goes on the hostname <name>.example.com).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const certificateDir = config.require("certificateDir");
const names = (config.get("names") ?? "api,www").split(",");

export const deployed = names.map((name) => {
    const certificate = new HostnameCertificate(`${name}-origin`, {
        zoneId,
        certificate: fs.readFileSync(path.join(certificateDir, `${name}.pem`), "utf8"),
        privateKey: fs.readFileSync(path.join(certificateDir, `${name}.key`), "utf8"),
    });
    const hostname = `${name}.example.com`;
    const association = new HostnameAssociation(hostname, { zoneId, hostname, certificateId: certificate.certificateId });
    return {
        hostname,
        certificateId: certificate.certificateId,
        status: certificate.status,
        expiresOn: certificate.expiresOn,
        issuer: certificate.issuer,
        hostnameStatus: association.status,
    };
});
