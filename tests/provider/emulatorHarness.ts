/**
 * Runs the real provider against the emulator over loopback HTTP. The emulator runs on a manual
 * clock and the provider's sleep advances it, so lifecycles take no real time and every run makes
 * the same requests.
 */
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { CloudflareClient } from "../../provider/client/http";
import { createHostnameCertificateProvider, type HostnameCertificateProvider } from "../../provider/certificates/provider";
import type { ProviderOptions } from "../../provider/runtime/context";
import { memoryReporter } from "../../provider/runtime/progress";
import { makeCertificate, pemLines, type CertificateOptions } from "../fixtures/certificates";

export const ZONE = EXAMPLE_ZONE_ID;

export interface Harness {
    emulator: Emulator;
    provider: HostnameCertificateProvider;
    /** Every progress, log and warning line the provider wrote. */
    lines: string[];
    /** A client for setting up state behind the provider's back. */
    client: CloudflareClient;
    /** API requests the emulator answered so far (the request log's length). */
    requestCount(): number;
}

export async function startHarness(emulatorOptions: EmulatorOptions = {}, providerOptions: ProviderOptions = {}): Promise<Harness> {
    const emulator = await startEmulator({ clock: "manual", ...emulatorOptions });
    const progress = memoryReporter();
    const provider = createHostnameCertificateProvider({
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: emulator.url },
        now: () => emulator.clock.now(),
        sleep: async (ms) => emulator.advance(ms),
        random: () => 0.5,
        progress,
        ...providerOptions,
    });
    const client = new CloudflareClient({ baseUrl: emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
    return { emulator, provider, lines: progress.lines, client, requestCount: () => emulator.requests.length };
}

/** Inputs for a fresh, valid certificate in the example zone. */
export async function newInputs(options: CertificateOptions = {}) {
    const made = await makeCertificate(options);
    return { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey, __provider: "exports.handler = shell" };
}

/** Certificates the API still shows as alive (not pending_deletion, deleted or removed). */
export function liveCertificates(emulator: Emulator) {
    return emulator.certificates(ZONE).filter((c) => !["pending_deletion", "deleted"].includes(c.status));
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected the promise to reject");
}

/** Fails when `value` cannot go over Pulumi's gRPC (undefined values make Struct.fromJavaScript throw). */
export function expectSerializable(value: unknown): void {
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
    expect(() => Struct.fromJavaScript(value)).not.toThrow();
}

/** Fails when any line of `privateKey` appears in `value` (outputs, error properties). */
export function expectNoKey(value: unknown, privateKey: string): void {
    const text = JSON.stringify(value);
    for (const line of pemLines(privateKey)) expect(text).not.toContain(line);
}
