/**
 * One emulator plus one Pulumi workspace running `programs/associations`, whose certificates and
 * associations come from a spec file this helper writes; and the replay of the emulator's history
 * that proves a hostname was never without an active certificate.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator, type EmulatorOptions, type HistoryEvent } from "../../emulator";
import { CloudflareClient } from "../../provider/client/http";
import { makeCertificate, type GeneratedCertificate } from "../fixtures/certificates";
import { createWorkspace, type PulumiWorkspace } from "../support/pulumiWorkspace";

export const ZONE = EXAMPLE_ZONE_ID;

export interface AssociationEntry {
    name: string;
    hostname: string;
    /** The name of the certificate entry it uses. */
    certificate: string;
    enabled?: boolean;
    createTimeout?: string;
}

export class AssociationStack {
    private constructor(
        readonly emulator: Emulator,
        readonly workspace: PulumiWorkspace,
    ) {}

    static async start(options: EmulatorOptions = {}): Promise<AssociationStack> {
        const emulator = await startEmulator(options);
        const workspace = await createWorkspace("associations", { env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN } });
        const stack = new AssociationStack(emulator, workspace);
        await workspace.setConfig("specFile", path.join(workspace.root, "spec.json"));
        return stack;
    }

    /** Writes PEM files and the spec: certificates by name, associations referring to them. */
    write(certificates: Record<string, GeneratedCertificate>, associations: AssociationEntry[], options: { deleteBeforeReplace?: string[] } = {}): void {
        const root = this.workspace.root;
        const certificateSpecs = Object.entries(certificates).map(([name, generated]) => {
            const certificateFile = path.join(root, `${name}-${generated.serialNumber}.pem`);
            const privateKeyFile = path.join(root, `${name}-${generated.serialNumber}.key`);
            writeFileSync(certificateFile, generated.certificate);
            writeFileSync(privateKeyFile, generated.privateKey);
            return { name, zoneId: ZONE, certificateFile, privateKeyFile, deleteBeforeReplace: options.deleteBeforeReplace?.includes(name) };
        });
        const associationSpecs = associations.map((a) => ({ ...a, zoneId: ZONE }));
        writeFileSync(path.join(root, "spec.json"), JSON.stringify({ certificates: certificateSpecs, associations: associationSpecs }, null, 2));
    }

    /** A client for changes behind Pulumi's back. */
    client(): CloudflareClient {
        return new CloudflareClient({ baseUrl: this.emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
    }

    async dispose(): Promise<void> {
        this.workspace.dispose();
        await this.emulator.close();
    }
}

/** A fresh certificate for `commonName`. */
export function certificate(commonName = "origin.example.com"): Promise<GeneratedCertificate> {
    return makeCertificate({ commonName, keyType: "ec", freshKey: true });
}

/** Certificates the emulator still holds in any status other than a `deleted` tombstone (which it clears by itself). */
export function remainingCertificates(emulator: Emulator) {
    return emulator.certificates().filter((c) => c.status !== "deleted");
}

/** Waits (real time, briefly) until the emulator has cleared its tombstones too; returns what is left. */
export async function settledCertificates(emulator: Emulator, waitMs = 3000) {
    const until = Date.now() + waitMs;
    while (emulator.certificates().length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    return emulator.certificates();
}

/**
 * Replays the history (time order, ties by write order) and lists every moment one of `hostnames`,
 * once first active, was without an active certificate. An association that is redeploying counts
 * as served only if both its new certificate and the one it was last active with are active.
 */
export function serviceGaps(history: readonly HistoryEvent[], hostnames: readonly string[]): string[] {
    const certificates = new Map<string, string>();
    const associations = new Map<string, { certId: string; status: string; lastActiveCertId?: string }>();
    const gaps: string[] = [];
    for (const event of history) {
        if (event.kind === "certificate") certificates.set(event.id, event.status);
        else if (hostnames.includes(event.hostname)) {
            const previous = associations.get(event.hostname);
            const lastActiveCertId = event.status === "active" ? event.cert_id : previous?.lastActiveCertId;
            associations.set(event.hostname, { certId: event.cert_id, status: event.status, lastActiveCertId });
        }
        for (const [hostname, a] of associations) {
            if (a.lastActiveCertId === undefined) continue; // not served yet
            const active = (id?: string) => id !== undefined && certificates.get(id) === "active";
            const served = a.status === "active" ? active(a.certId) : a.status === "pending_deployment" && active(a.certId) && active(a.lastActiveCertId);
            if (!served) gaps.push(`seq ${event.seq} (${event.at}): ${hostname} is ${a.status} with ${a.certId} (${certificates.get(a.certId)})`);
        }
    }
    return gaps;
}

/** Index in `history` of the first event matching `match`, or -1. */
export function indexOf(history: readonly HistoryEvent[], match: (event: HistoryEvent) => boolean): number {
    return history.findIndex(match);
}

/** The history as short lines, for the test log. */
export function describeHistory(history: readonly HistoryEvent[], names: Record<string, string>): string {
    return history
        .map((e) => {
            const what = e.kind === "certificate" ? `certificate ${names[e.id] ?? e.id}` : `${e.hostname} → ${names[e.cert_id] ?? e.cert_id} (enabled ${e.enabled})`;
            return `  #${e.seq} ${e.at.slice(11, 23)} ${what}: ${e.status}`;
        })
        .join("\n");
}

/**
 * The rotation proof, from the history: for every hostname, the new certificate was active before
 * the association moved to it, the association was active on it before the old certificate began
 * deleting, and no hostname was ever without an active certificate. Returns the positions.
 */
export function expectRotationOrder(history: readonly HistoryEvent[], oldId: string, newId: string, hostnames: readonly string[]) {
    const newActive = indexOf(history, (e) => e.kind === "certificate" && e.id === newId && e.status === "active");
    const oldDeleting = indexOf(history, (e) => e.kind === "certificate" && e.id === oldId && e.status === "pending_deletion");
    expect(newActive).toBeGreaterThanOrEqual(0);
    expect(oldDeleting).toBeGreaterThan(newActive);
    const moves = hostnames.map((hostname) => {
        const moved = indexOf(history, (e) => e.kind === "association" && e.hostname === hostname && e.cert_id === newId);
        const movedActive = indexOf(history, (e) => e.kind === "association" && e.hostname === hostname && e.cert_id === newId && e.status === "active");
        expect(moved).toBeGreaterThan(newActive);
        expect(movedActive).toBeGreaterThanOrEqual(moved);
        expect(oldDeleting).toBeGreaterThan(movedActive);
        return { hostname, moved, movedActive };
    });
    expect(serviceGaps(history, hostnames)).toEqual([]);
    return { newActive, moves, oldDeleting };
}
