// Declares one HostnameCertificate per entry of the JSON spec file named by config `specFile`:
// [{ name, zoneId, certificateFile, privateKeyFile, createTimeout?, deleteTimeout?, deleteBeforeReplace? }].
// PEM files are read as users read them; the private key is passed as a plain string, so the
// test also proves the SDK makes it a secret by itself. With config `flavour: plugin` the same
// certificates go through the resource plugin, declared as an SDK generated from its schema does.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate, type HostnameCertificateArgs } from "pulumi-cloudflare-hostname-certificates";

interface CertificateSpec {
    name: string;
    zoneId: string;
    certificateFile: string;
    privateKeyFile: string;
    createTimeout?: string;
    deleteTimeout?: string;
    deleteBeforeReplace?: boolean;
}

const config = new pulumi.Config();
const spec: CertificateSpec[] = JSON.parse(fs.readFileSync(config.require("specFile"), "utf8"));

/** What `pulumi package gen-sdk` makes of the schema: the token, the inputs (the key a secret) and the outputs named. */
class PluginCertificate extends pulumi.CustomResource {
    declare readonly certificateId: pulumi.Output<string>;
    declare readonly status: pulumi.Output<string>;
    declare readonly expiresOn: pulumi.Output<string>;
    constructor(name: string, args: HostnameCertificateArgs, opts: pulumi.CustomResourceOptions) {
        const props = { ...args, privateKey: pulumi.secret(args.privateKey), certificateId: undefined, status: undefined, expiresOn: undefined };
        super("cloudflare-hostname-certificates:index:HostnameCertificate", name, props, opts);
    }
}

const plugin = config.get("flavour") === "plugin";
const declare = (name: string, args: HostnameCertificateArgs, opts: pulumi.CustomResourceOptions) =>
    plugin ? new PluginCertificate(name, args, opts) : new HostnameCertificate(name, args, opts);

export const certificates = Object.fromEntries(
    spec.map((c) => {
        const cert = declare(
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
