/**
 * The certificate harness plus a HostnameAssociation provider on the same emulator, manual clock and
 * progress lines: certificates are made by the real certificate provider, associations by ours.
 */
import { DEFAULT_API_TOKEN, type EmulatorOptions } from "../../../emulator";
import { createHostnameAssociationProvider, type HostnameAssociationProvider } from "../../../provider/associations/provider";
import type { ProviderOptions } from "../../../provider/runtime/context";
import type { HostnameAssociationOutputs, HostnameCertificateOutputs } from "../../../provider/contract";
import { type Harness, newInputs, startHarness, ZONE } from "../emulatorHarness";

export { ZONE };
export const SHELL = "exports.handler = shell";

export interface AssociationHarness extends Harness {
    associations: HostnameAssociationProvider;
    /** Creates an active certificate through the certificate provider. */
    certificate(): Promise<{ id: string; outs: HostnameCertificateOutputs }>;
    /** Operations the emulator answered from request number `from` on, as "operation status", e.g. "hostnames.update 200". */
    operationsSince(from: number): string[];
}

export async function startAssociationHarness(emulatorOptions: EmulatorOptions = {}, providerOptions: ProviderOptions = {}): Promise<AssociationHarness> {
    const h = await startHarness(emulatorOptions, providerOptions);
    const associations = createHostnameAssociationProvider({
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: h.emulator.url },
        now: () => h.emulator.clock.now(),
        sleep: async (ms) => h.emulator.advance(ms),
        random: () => 0.5,
        progress: {
            report: (m) => void h.lines.push(m),
            log: (m) => void h.lines.push(m),
            warn: (m) => void h.lines.push(`warning: ${m}`),
        },
        ...providerOptions,
    });
    return {
        ...h,
        associations,
        async certificate() {
            const { id, outs } = await h.provider.create(await newInputs());
            return { id, outs: outs! };
        },
        operationsSince(from) {
            return h.emulator.requests.slice(from).map((r) => `${r.operation} ${r.status}`);
        },
    };
}

/** Inputs of an association in the example zone, as the engine passes them (with `__provider`). */
export function associationInputs(certificateId: string, hostname = "api.example.com", extra: Record<string, unknown> = {}) {
    return { zoneId: ZONE, hostname, certificateId, __provider: SHELL, ...extra };
}

/** What the engine stores after a create: the outputs plus `__provider`. */
export function stored(outs: HostnameAssociationOutputs | undefined): HostnameAssociationOutputs {
    return { ...(outs as HostnameAssociationOutputs), __provider: SHELL } as HostnameAssociationOutputs;
}
