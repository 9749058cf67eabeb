/**
 * A workspace running `programs/hostnames` against a given emulator, so several stacks can share one
 * zone (two stacks declaring one hostname), and certificates and associations can be imported.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, type Emulator } from "../../../emulator";
import { CloudflareClient } from "../../../provider/client/http";
import type { GeneratedCertificate } from "../../fixtures/certificates";
import { createWorkspace, type PulumiWorkspace } from "../../support/pulumiWorkspace";

export const ZONE = EXAMPLE_ZONE_ID;
export const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";
export const ASSOCIATION_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation";

export interface CertificateEntry {
    certificate: GeneratedCertificate;
    /** The `import` resource option. */
    import?: string;
}

export interface HostnameEntry {
    name: string;
    hostname: string;
    /** The name of the certificate entry whose `certificateId` output it uses. */
    certificate?: string;
    /** A literal certificate id instead. */
    certificateId?: string;
    enabled?: boolean;
    import?: string;
}

export class HostnameStack {
    private constructor(readonly workspace: PulumiWorkspace) {}

    static async start(emulator: Emulator, stack = "test"): Promise<HostnameStack> {
        const workspace = await createWorkspace("hostnames", { stack, env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN } });
        const started = new HostnameStack(workspace);
        await workspace.setConfig("specFile", path.join(workspace.root, "spec.json"));
        started.write({}, []);
        return started;
    }

    /** Writes PEM files and the spec: certificates by name, associations referring to them. */
    write(certificates: Record<string, CertificateEntry>, associations: HostnameEntry[]): void {
        const root = this.workspace.root;
        const certificateSpecs = Object.entries(certificates).map(([name, entry]) => {
            const certificateFile = path.join(root, `${name}-${entry.certificate.serialNumber}.pem`);
            const privateKeyFile = path.join(root, `${name}-${entry.certificate.serialNumber}.key`);
            writeFileSync(certificateFile, entry.certificate.certificate);
            writeFileSync(privateKeyFile, entry.certificate.privateKey);
            return { name, zoneId: ZONE, certificateFile, privateKeyFile, import: entry.import };
        });
        const associationSpecs = associations.map((a) => ({ ...a, zoneId: ZONE }));
        writeFileSync(path.join(root, "spec.json"), JSON.stringify({ certificates: certificateSpecs, associations: associationSpecs }, null, 2));
    }

    /** The ids in state of resources of `type`. */
    async ids(type: string): Promise<string[]> {
        return (await this.workspace.stateResources(type)).map((r) => r.id);
    }

    dispose(): void {
        this.workspace.dispose();
    }
}

/** A client for changes made outside Pulumi (the dashboard, a script, Terraform). */
export function outOfBandClient(emulator: Emulator): CloudflareClient {
    return new CloudflareClient({ baseUrl: emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
}
