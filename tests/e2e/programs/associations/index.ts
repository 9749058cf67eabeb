// Declares the certificates and associations of the JSON spec file named by config `specFile`:
// { certificates: [{ name, zoneId, certificateFile, privateKeyFile, deleteBeforeReplace? }],
//   associations: [{ name, zoneId, hostname, certificate, enabled?, createTimeout? }] }
// where an association's `certificate` names a certificate entry, and its certificateId is that
// certificate's output, as users write it (so Pulumi orders rotation and destroy).
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

interface Spec {
    certificates: Array<{ name: string; zoneId: string; certificateFile: string; privateKeyFile: string; deleteBeforeReplace?: boolean }>;
    associations: Array<{ name: string; zoneId: string; hostname: string; certificate: string; enabled?: boolean; createTimeout?: string }>;
}

const spec: Spec = JSON.parse(fs.readFileSync(new pulumi.Config().require("specFile"), "utf8"));

const certificates = new Map(
    spec.certificates.map((c) => [
        c.name,
        new HostnameCertificate(
            c.name,
            {
                zoneId: c.zoneId,
                certificate: fs.readFileSync(c.certificateFile, "utf8"),
                privateKey: fs.readFileSync(c.privateKeyFile, "utf8"),
            },
            { deleteBeforeReplace: c.deleteBeforeReplace },
        ),
    ]),
);

export const certificateIds = Object.fromEntries([...certificates].map(([name, cert]) => [name, cert.certificateId]));

export const associations = Object.fromEntries(
    spec.associations.map((a) => {
        const association = new HostnameAssociation(a.name, {
            zoneId: a.zoneId,
            hostname: a.hostname,
            certificateId: certificates.get(a.certificate)!.certificateId,
            enabled: a.enabled,
            createTimeout: a.createTimeout,
        });
        const { id, certificateId, enabled, status, certStatus, expiresOn } = association;
        return [a.name, { id, certificateId, enabled, status, certStatus, expiresOn }];
    }),
);
