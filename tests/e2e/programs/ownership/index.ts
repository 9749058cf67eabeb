// Declares one HostnameCertificate per entry of the JSON spec file named by config `specFile`:
// [{ name, zoneId, certificateFile, privateKeyFile, component?, aliases? }], where `component` puts
// the certificate inside a component resource of that name, and `aliases` are Pulumi aliases
// ({ name?, parent: "root" } means the stack, i.e. where it was before a move into a component).
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";

interface Spec {
    name: string;
    zoneId: string;
    certificateFile: string;
    privateKeyFile: string;
    component?: string;
    aliases?: Array<{ name?: string; parent?: "root" }>;
}

const spec: Spec[] = JSON.parse(fs.readFileSync(new pulumi.Config().require("specFile"), "utf8"));
const components = new Map<string, pulumi.ComponentResource>();
const component = (name: string) => components.get(name) ?? components.set(name, new pulumi.ComponentResource("test:index:Origin", name)).get(name)!;

export const certificates = Object.fromEntries(
    spec.map((c) => {
        // An alias property that is present counts even when undefined, so only set the ones given.
        const aliases = c.aliases?.map((a) => ({ ...(a.name ? { name: a.name } : {}), ...(a.parent === "root" ? { parent: pulumi.rootStackResource } : {}) }));
        const cert = new HostnameCertificate(
            c.name,
            { zoneId: c.zoneId, certificate: fs.readFileSync(c.certificateFile, "utf8"), privateKey: fs.readFileSync(c.privateKeyFile, "utf8") },
            { parent: c.component ? component(c.component) : undefined, aliases },
        );
        return [c.name, { certificateId: cert.certificateId, status: cert.status }];
    }),
);
