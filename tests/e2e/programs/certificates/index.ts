// Declares one HostnameCertificate per entry of the JSON spec file named by config `specFile`:
// [{ name, zoneId, certificateFile, privateKeyFile, createTimeout?, deleteTimeout?, deleteBeforeReplace? }].
// PEM files are read as users read them; the private key is passed as a plain string, so the
// test also proves the SDK makes it a secret by itself.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

interface CertificateSpec {
    name: string;
    zoneId: string;
    certificateFile: string;
    privateKeyFile: string;
    createTimeout?: string;
    deleteTimeout?: string;
    deleteBeforeReplace?: boolean;
}

const spec: CertificateSpec[] = JSON.parse(fs.readFileSync(new pulumi.Config().require("specFile"), "utf8"));

export const certificates = Object.fromEntries(
    spec.map((c) => {
        const cert = new HostnameCertificate(
            c.name,
            {
                zoneId: c.zoneId,
                certificate: fs.readFileSync(c.certificateFile, "utf8"),
                privateKey: fs.readFileSync(c.privateKeyFile, "utf8"),
                createTimeout: c.createTimeout,
                deleteTimeout: c.deleteTimeout,
            },
            { deleteBeforeReplace: c.deleteBeforeReplace },
        );
        return [c.name, { certificateId: cert.certificateId, status: cert.status, expiresOn: cert.expiresOn }];
    }),
);
