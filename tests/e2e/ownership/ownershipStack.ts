/**
 * A workspace running `programs/ownership` against a given emulator, so several stacks can share one
 * zone (two stacks declaring the same certificate) and a test can rename or move a certificate.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, type Emulator } from "../../../emulator";
import type { GeneratedCertificate } from "../../fixtures/certificates";
import { ZONES } from "../certificateStack";
import { createWorkspace, type PulumiWorkspace } from "../../support/pulumiWorkspace";

export const TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";

export interface OwnershipEntry {
    name: string;
    certificate: GeneratedCertificate;
    /** Put it inside a component of this name. */
    component?: string;
    aliases?: Array<{ name?: string; parent?: "root" }>;
}

export class OwnershipStack {
    private constructor(readonly workspace: PulumiWorkspace) {}

    static async start(emulator: Emulator, stack = "test"): Promise<OwnershipStack> {
        const workspace = await createWorkspace("ownership", { stack, env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN } });
        const ownership = new OwnershipStack(workspace);
        await workspace.setConfig("specFile", path.join(workspace.root, "spec.json"));
        ownership.write([]);
        return ownership;
    }

    write(entries: OwnershipEntry[]): void {
        const spec = entries.map(({ name, certificate, component, aliases }) => {
            const certificateFile = path.join(this.workspace.root, `${certificate.serialNumber}.pem`);
            const privateKeyFile = path.join(this.workspace.root, `${certificate.serialNumber}.key`);
            writeFileSync(certificateFile, certificate.certificate);
            writeFileSync(privateKeyFile, certificate.privateKey);
            return { name, zoneId: ZONES[0], certificateFile, privateKeyFile, component, aliases };
        });
        writeFileSync(path.join(this.workspace.root, "spec.json"), JSON.stringify(spec, null, 2));
    }

    /** Our certificates in the exported state: URN and id. */
    async state(): Promise<Array<{ urn: string; id: string }>> {
        return (await this.workspace.stateResources(TYPE)).map(({ urn, id }) => ({ urn, id }));
    }

    dispose(): void {
        this.workspace.dispose();
    }
}
