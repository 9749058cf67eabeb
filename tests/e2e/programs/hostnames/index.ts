// Declares the certificates and associations of the JSON spec file named by config `specFile`:
// { certificates: [{ name, zoneId, certificateFile, privateKeyFile, import? }],
//   associations: [{ name, zoneId, hostname, certificate?, certificateId?, enabled?, import? }] }
// where an association's `certificate` names a certificate entry (its certificateId output is
// used), or `certificateId` is a literal id; `import` is the resource option of that name.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

interface Spec {
    certificates: Array<{ name: string; zoneId: string; certificateFile: string; privateKeyFile: string; import?: string }>;
    associations: Array<{ name: string; zoneId: string; hostname: string; certificate?: string; certificateId?: string; enabled?: boolean; import?: string }>;
}

const spec: Spec = JSON.parse(fs.readFileSync(new pulumi.Config().require("specFile"), "utf8"));

const certificates = new Map(
    spec.certificates.map((c) => {
        const args = { zoneId: c.zoneId, certificate: fs.readFileSync(c.certificateFile, "utf8"), privateKey: fs.readFileSync(c.privateKeyFile, "utf8") };
        return [c.name, new HostnameCertificate(c.name, args, c.import ? { import: c.import } : {})];
    }),
);

export const certificateIds = Object.fromEntries([...certificates].map(([name, cert]) => [name, cert.certificateId]));

export const associations = Object.fromEntries(
    spec.associations.map((a) => {
        const certificateId = a.certificate ? certificates.get(a.certificate)!.certificateId : a.certificateId!;
        const args = { zoneId: a.zoneId, hostname: a.hostname, certificateId, enabled: a.enabled };
        const association = new HostnameAssociation(a.name, args, a.import ? { import: a.import } : {});
        return [a.name, { certificateId: association.certificateId, status: association.status }];
    }),
);
