/**
 * One emulator plus one Pulumi workspace running `programs/certificates`, whose certificates come
 * from a spec file this helper writes. Each test gets its own pair. A stack's flavour is the
 * dynamic provider (the default) or the resource plugin, installed from its archive.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { makeCertificate, type CertificateOptions, type GeneratedCertificate } from "../fixtures/certificates";
import { createWorkspace, type PulumiWorkspace, type StateResource } from "../support/pulumiWorkspace";
import { installPlugin } from "../support/plugin";
import { HOSTNAME_CERTIFICATE_TYPE, PLUGIN_CERTIFICATE_TOKEN, PLUGIN_PACKAGE } from "../../provider/contract";

/** How a program reaches the provider: Pulumi's dynamic provider (TypeScript programs) or the resource plugin (every language). */
export type Flavour = "dynamic" | "plugin";
export const FLAVOURS: readonly Flavour[] = ["dynamic", "plugin"];

/** The stack config key of a provider setting (`apiToken`, `baseUrl`, …) in a flavour. */
export function settingKey(flavour: Flavour, name: string): string {
    return flavour === "plugin" ? `${PLUGIN_PACKAGE}:${name}` : `cloudflare:${name}`;
}

/** The type token of a HostnameCertificate in a flavour: what state, rows and policies show. */
export function certificateType(flavour: Flavour): string {
    return flavour === "plugin" ? PLUGIN_CERTIFICATE_TOKEN : HOSTNAME_CERTIFICATE_TYPE;
}

export const ZONES = ["023e105f4ecef8ad9ca31a8372d0c353", "11111111111111111111111111111111", "22222222222222222222222222222222"];

export interface CertificateEntry {
    name: string;
    zoneId: string;
    certificate: string;
    privateKey: string;
    createTimeout?: string;
    deleteTimeout?: string;
    deleteBeforeReplace?: boolean;
}

export class CertificateStack {
    private constructor(
        readonly emulator: Emulator,
        readonly workspace: PulumiWorkspace,
        readonly flavour: Flavour,
    ) {}

    /** Starts an emulator and a workspace whose provider reaches it with the default token (env). */
    static async start(options: { emulator?: EmulatorOptions; env?: Record<string, string | undefined>; flavour?: Flavour } = {}) {
        const emulator = await startEmulator(options.emulator);
        const workspace = await createWorkspace("certificates", {
            env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, ...options.env },
        });
        const flavour = options.flavour ?? "dynamic";
        const stack = new CertificateStack(emulator, workspace, flavour);
        await workspace.setConfig("specFile", stack.specFile);
        if (flavour === "plugin") {
            await workspace.setConfig("flavour", "plugin");
            await installPlugin(workspace);
        }
        stack.write([]);
        return stack;
    }

    get specFile(): string {
        return path.join(this.workspace.root, "spec.json");
    }

    /** Writes the PEM files and the spec the program reads. */
    write(entries: CertificateEntry[]): void {
        const spec = entries.map((entry) => {
            const certificateFile = path.join(this.workspace.root, `${entry.name}.pem`);
            const privateKeyFile = path.join(this.workspace.root, `${entry.name}.key`);
            writeFileSync(certificateFile, entry.certificate);
            writeFileSync(privateKeyFile, entry.privateKey);
            const { name, zoneId, createTimeout, deleteTimeout, deleteBeforeReplace } = entry;
            return { name, zoneId, certificateFile, privateKeyFile, createTimeout, deleteTimeout, deleteBeforeReplace };
        });
        writeFileSync(this.specFile, JSON.stringify(spec, null, 2));
    }

    /** Certificates the emulator holds, in every zone, any status (tombstones included). */
    held() {
        return this.emulator.certificates();
    }

    /** Certificates the emulator still shows other than as `deleted` (a tombstone it clears by itself). */
    remaining() {
        return this.held().filter((c) => c.status !== "deleted");
    }

    /** Certificates the emulator holds that are not being deleted or already deleted. */
    live() {
        return this.held().filter((c) => c.status !== "pending_deletion" && c.status !== "deleted");
    }

    /** Resources of our type in the exported state. */
    stateCertificates(): Promise<StateResource[]> {
        return this.workspace.stateResources(certificateType(this.flavour));
    }

    async dispose(): Promise<void> {
        this.workspace.dispose();
        await this.emulator.close();
    }
}

/** A certificate entry with a freshly generated certificate. */
export async function entry(
    name: string,
    zoneId = ZONES[0],
    options: CertificateOptions & { createTimeout?: string; deleteTimeout?: string } = {},
): Promise<CertificateEntry & { generated: GeneratedCertificate }> {
    const generated = await makeCertificate({ commonName: `${name}.example.com`, ...options });
    return {
        name,
        zoneId,
        certificate: generated.certificate,
        privateKey: generated.privateKey,
        createTimeout: options.createTimeout,
        deleteTimeout: options.deleteTimeout,
        generated,
    };
}

/** Requests the emulator logged that change something. */
export function writes(emulator: Emulator) {
    return emulator.requests.filter((r) => r.method !== "GET");
}
