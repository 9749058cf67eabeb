/**
 * The demo program: two client certificates for per-hostname Authenticated Origin Pulls in one
 * zone, read from PEM files as users do. `pulumi up` returns only once Cloudflare reports each
 * certificate `active`; the private keys are secrets in state.
 *
 * Config: `zoneId` (the Cloudflare zone), `certificateDir` (holds <name>.pem and <name>.key for
 * each name in `names`, default "api,www").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const certificateDir = config.require("certificateDir");
const names = (config.get("names") ?? "api,www").split(",");

const certificates = names.map(
    (name) =>
        new HostnameCertificate(`${name}-origin`, {
            zoneId,
            certificate: fs.readFileSync(path.join(certificateDir, `${name}.pem`), "utf8"),
            privateKey: fs.readFileSync(path.join(certificateDir, `${name}.key`), "utf8"),
        }),
);

export const deployed = certificates.map((c) => ({
    certificateId: c.certificateId,
    status: c.status,
    expiresOn: c.expiresOn,
    issuer: c.issuer,
}));
