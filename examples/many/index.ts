/**
 * Example: many certificates across several zones, declared as data in stack config.
 *
 * Shows how a platform team keeps the list of certificates in `Pulumi.<stack>.yaml` and lets the
 * program fan it out: one HostnameCertificate per entry, each waited on until active. Cloudflare
 * allows 10 certificates per zone (the policy pack checks it before anything is sent).
 *
 * Config `certificates` (structured), for example:
 *   certificates:
 *     - { name: api, zoneId: 023e105f4ecef8ad9ca31a8372d0c353, certificateFile: certs/api.pem, keyFile: certs/api.key }
 *     - { name: shop, zoneId: 11111111111111111111111111111111, certificateFile: certs/shop.pem, keyFile: certs/shop.key }
 * Key files stay on disk (or in your secret store); the SDK makes every key a secret in state.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

interface CertificateEntry {
    name: string;
    zoneId: string;
    certificateFile: string;
    keyFile: string;
}

const entries = new pulumi.Config().requireObject<CertificateEntry[]>("certificates");

const certificates = entries.map(
    (entry) =>
        new HostnameCertificate(entry.name, {
            zoneId: entry.zoneId,
            certificate: fs.readFileSync(entry.certificateFile, "utf8"),
            privateKey: fs.readFileSync(entry.keyFile, "utf8"),
        }),
);

/** Per certificate: its zone, id, status and expiry. */
export const deployed = certificates.map((c) =>
    pulumi.all([c.zoneId, c.certificateId, c.status, c.expiresOn]).apply(([zoneId, certificateId, status, expiresOn]) => ({
        zoneId,
        certificateId,
        status,
        expiresOn,
    })),
);
