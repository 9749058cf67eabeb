/**
 * A local emulator of Cloudflare API v4 for per-hostname Authenticated Origin Pulls
 * (`/zones/{zone_id}/origin_tls_client_auth/hostnames…`), close enough that the official `cloudflare`
 * SDK and our provider cannot tell it from the real API. See `emulator/README.md`.
 *
 * @example
 * import Cloudflare from "cloudflare";
 * import { startEmulator, DEFAULT_API_TOKEN } from "pulumi-cloudflare-hostname-certificates/emulator";
 *
 * const emulator = await startEmulator({ clock: "manual" });
 * const client = new Cloudflare({ apiToken: DEFAULT_API_TOKEN, baseURL: emulator.url });
 * // … drive your program, then:
 * emulator.advance(1_000);
 * await emulator.close();
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Clock } from "./state/clock";
import type { EmulatedAssociation, EmulatedCertificate } from "./control/outOfBand";
import type { FaultConfig, FaultOutcome, SequenceOptions } from "./control/faults";
import type { FailNextOptions } from "./state/outcomes";
import type { ForeignLoad } from "./control/rateLimit";
import { resolveOptions, type EmulatorOptions } from "./server/options";
import type { RequestLogEntry } from "./control/request-log";
import { API_BASE_PATH } from "./api/routes";
import { EmulatorRuntime } from "./server/runtime";
import { createEmulatorServer } from "./server/server";
import { CONTROL_BASE_PATH } from "./control/http";
import type { CertificateStatus, HistoryEvent, ListShape } from "./state/types";

export { DEFAULT_API_KEY, DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, type EmulatorOptions } from "./server/options";
export { DEFAULT_TIMINGS, type Timings } from "./state/lifecycle";
export { ManualClock, systemClock, type Clock } from "./state/clock";
export { ERRORS, type ErrorSpec, type ErrorSource } from "./api/errors";
export { EmulatorControlError, type EmulatedAssociation, type EmulatedCertificate } from "./control/outOfBand";
export {
    FAULT_KINDS,
    type FaultConfig,
    type FaultKind,
    type FaultMatch,
    type FaultOutcome,
    type FaultTiming,
    type SequenceOptions,
} from "./control/faults";
export { DEFAULT_BLOCK_MS, type ForeignLoad, type RateLimitOptions } from "./control/rateLimit";
export type { FailNextOptions } from "./state/outcomes";
export type { RequestLogEntry } from "./control/request-log";
export { OPERATIONS, API_BASE_PATH, type OperationName, type OperationSpec } from "./api/routes";
export { CONTROL_BASE_PATH } from "./control/http";
export { LIMITS } from "./state/context";
export type { ApiKeyCredential } from "./api/auth";
export {
    CERTIFICATE_STATUSES,
    type AssociationObject,
    type CertificateListItem,
    type CertificateObject,
    type CertificateStatus,
    type HistoryEvent,
    type ListingOptions,
    type ListShape,
    type Phase,
    type ResponseInfo,
    type ResultInfo,
} from "./state/types";

/** A running emulator and its control surface. Every control method is mirrored over HTTP (see README). */
export interface Emulator {
    /** Base URL of the API, e.g. `http://127.0.0.1:40123/client/v4`; pass it as the SDK's `baseURL`. */
    readonly url: string;
    /** Base URL of the HTTP control API, e.g. `http://127.0.0.1:40123/__emulator`. */
    readonly controlUrl: string;
    readonly port: number;
    /** The clock statuses are computed from. */
    readonly clock: Clock;
    /** The request log: method, path, status, time, zone id, operation, fault. Never a body or a credential. */
    readonly requests: RequestLogEntry[];
    /** Every status change of certificates and associations so far, oldest first. */
    readonly history: HistoryEvent[];
    /** Certificates as the API would list them now (tombstones included), with their zone. */
    certificates(zoneId?: string): EmulatedCertificate[];
    /** Existing (not voided) associations as the API would show them now, with their zone. */
    associations(zoneId?: string): EmulatedAssociation[];
    /** Stops listening and drops open connections. Idempotent. */
    close(): Promise<void>;
    /** Forgets all state, the request log, faults, planned failures and rate-limit windows. */
    reset(): void;
    /** Real delay before every API response, in ms. */
    setLatency(ms: number): void;
    /**
     * Stops accepting an API token, as rolling it in the dashboard does: its requests get 403 (10000)
     * from now on. `reset()` accepts it again.
     * @example emulator.revokeToken(oldToken); // after starting with { tokens: [oldToken, newToken] }
     */
    revokeToken(token: string): void;
    /**
     * How `GET …/hostnames/certificates` answers from now on: its item shape (documented drift, see
     * {@link ListShape}) and page size (`null`: one page again). `reset()` restores the start options.
     * @example emulator.setListing({ shape: "association" });
     */
    setListing(change: { shape?: ListShape; pageSize?: number | null }): void;
    /** Fails a seeded random fraction of matching API requests. Replaces the previous configuration. */
    injectFaults(config: FaultConfig): void;
    /**
     * Answers the next matching API requests with exactly these outcomes (`"ok"` passes through).
     * @example emulator.injectSequence([503, 429, "ok"], { match: { method: "POST" }, retryAfterSeconds: 0 });
     */
    injectSequence(outcomes: FaultOutcome[], options?: SequenceOptions): void;
    /** Removes random faults and pending sequences. */
    clearFaults(): void;
    /**
     * A foreign client (the dashboard, another pipeline) spends `requestsPerSecond` of a token's
     * rate-limit budget from now on, on the emulator clock; 0 stops it. Needs `rateLimit`. Its
     * requests are counted, never logged. `token` defaults to the first configured token.
     * @example emulator.setForeignLoad(1); // one request a second on DEFAULT_API_TOKEN
     */
    setForeignLoad(requestsPerSecond: number, token?: string): void;
    /** The foreign client's rate and how many of its requests were counted and refused so far. */
    foreignLoad(token?: string): ForeignLoad;
    /** Deletes a certificate behind the client's back: GET → 404 at once; its associations are voided. */
    deleteCertificateOutOfBand(zoneId: string, id: string): void;
    /** Sets a certificate's status now; it sticks until the next API operation on it. */
    setCertificateStatus(zoneId: string, id: string, status: CertificateStatus): void;
    /** Changes the `expires_on` the API reports for a certificate. */
    setCertificateExpiry(zoneId: string, id: string, date: Date | string): void;
    /** The next upload(s) end in `deployment_timed_out` instead of `active`. */
    failNextDeployment(kind?: "deployment_timed_out", options?: FailNextOptions): void;
    /** The next deletion(s) end in `deletion_timed_out` instead of `deleted`. */
    failNextDeletion(kind?: "deletion_timed_out", options?: FailNextOptions): void;
    /** This certificate, still deploying, ends in `deployment_timed_out`. */
    failDeployment(zoneId: string, id: string): void;
    /** This certificate's current or next deletion ends in `deletion_timed_out`. */
    failDeletion(zoneId: string, id: string): void;
    /** Advances the manual clock (`clock: "manual"` or a {@link ManualClock}); throws otherwise. */
    advance(ms: number): void;
}

/**
 * Starts an emulator listening on loopback.
 *
 * @example
 * const emulator = await startEmulator();             // real time, port 0, default token
 * const fast = await startEmulator({ clock: "manual", timings: { activationMs: 0 } });
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const resolved = resolveOptions(options);
    const runtime = new EmulatorRuntime(resolved);
    const server = createEmulatorServer(runtime);
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(resolved.port, resolved.host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    const origin = `http://${resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host}:${port}`;
    return emulatorHandle(runtime, server, origin, port);
}

function emulatorHandle(runtime: EmulatorRuntime, server: Server, origin: string, port: number): Emulator {
    const controller = runtime.controller;
    let closing: Promise<void> | undefined;
    return {
        url: `${origin}${API_BASE_PATH}`,
        controlUrl: `${origin}${CONTROL_BASE_PATH}`,
        port,
        clock: runtime.ctx.clock,
        get requests() {
            return runtime.log.list();
        },
        get history() {
            return runtime.ctx.store.history();
        },
        certificates: (zoneId) => controller.certificates(zoneId),
        associations: (zoneId) => controller.associations(zoneId),
        close() {
            closing ??= new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
            return closing;
        },
        reset: () => runtime.reset(),
        setLatency: (ms) => runtime.setLatency(ms),
        revokeToken: (token) => runtime.revokeToken(token),
        setListing: (change) => runtime.setListing(change),
        injectFaults: (config) => runtime.faults.inject(config),
        injectSequence: (outcomes, options) => runtime.faults.sequence(outcomes, options),
        clearFaults: () => runtime.faults.clear(),
        setForeignLoad: (requestsPerSecond, token) => runtime.setForeignLoad(requestsPerSecond, token),
        foreignLoad: (token) => runtime.foreignLoad(token),
        deleteCertificateOutOfBand: (zoneId, id) => controller.deleteCertificate(zoneId, id),
        setCertificateStatus: (zoneId, id, status) => controller.setStatus(zoneId, id, status),
        setCertificateExpiry: (zoneId, id, date) => controller.setExpiry(zoneId, id, date),
        failNextDeployment: (_kind, options) => controller.failNextDeployment(options),
        failNextDeletion: (_kind, options) => controller.failNextDeletion(options),
        failDeployment: (zoneId, id) => controller.failDeployment(zoneId, id),
        failDeletion: (zoneId, id) => controller.failDeletion(zoneId, id),
        advance: (ms) => controller.advance(ms),
    };
}
