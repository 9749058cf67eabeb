/**
 * Options of {@link startEmulator} and their documented defaults.
 */
import type { ApiKeyCredential, AuthConfig } from "../api/auth";
import { ManualClock, systemClock, type Clock } from "../state/clock";
import type { RateLimitOptions } from "../control/rateLimit";
import { resolveTimings, type Timings } from "../state/lifecycle";
import { ZONE_ID } from "../api/routes";
import type { ListingOptions, ListShape } from "../state/types";

/** The API token accepted by default. For local use only. */
export const DEFAULT_API_TOKEN = "local-emulator-token";

/** The Global API Key credential accepted by default (37 hex characters, like a real key). For local use only. */
export const DEFAULT_API_KEY: Readonly<ApiKeyCredential> = Object.freeze({
    email: "emulator@example.com",
    key: "0123456789abcdef0123456789abcdef01234",
});

/** A well-formed zone id to use in examples and tests (the one in Cloudflare's docs). */
export const EXAMPLE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";

/**
 * Options of {@link startEmulator}.
 *
 * @example
 * const emulator = await startEmulator({ clock: "manual", timings: { activationMs: 2_000 } });
 */
export interface EmulatorOptions {
    /** TCP port; 0 picks a free one. @default 0 */
    port?: number;
    /** Interface to listen on. @default "127.0.0.1" */
    host?: string;
    /** API tokens with read and edit permission. @default [DEFAULT_API_TOKEN] */
    tokens?: string[];
    /** API tokens with read permission only (mutations get 403, 9109). @default [] */
    readOnlyTokens?: string[];
    /** Global API Key credentials (`X-Auth-Email` + `X-Auth-Key`). @default [DEFAULT_API_KEY] */
    apiKeys?: ApiKeyCredential[];
    /**
     * Zones the credentials may access; others get 403 (9109). Any well-formed zone id (32 lowercase hex)
     * exists implicitly. @default every zone
     */
    zones?: string[];
    /** Lifecycle durations. @default {@link DEFAULT_TIMINGS} */
    timings?: Partial<Timings>;
    /** `"manual"` for a {@link ManualClock} starting now, or any {@link Clock}. @default real time */
    clock?: Clock | "manual";
    /** JSON file to load state from at start and save it to after every change. @default no persistence */
    stateFile?: string;
    /**
     * Cloudflare-style rate limit per credential (429, code 971, Retry-After; going over blocks the
     * credential for `blockMs`, Cloudflare's 5 minutes by default). @default no limit
     */
    rateLimit?: RateLimitOptions;
    /**
     * Item shape of `GET …/hostnames/certificates` (documented drift): `"association"` answers in the
     * 2024 association shape (`cert_id`, `cert_status`, `hostname`, no `id`). @default "certificate"
     */
    listShape?: ListShape;
    /** Items per page of that list, paged by `?page=`; our own knob, Cloudflare answers one page. @default every item on one page */
    listPageSize?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
    port: number;
    host: string;
    auth: AuthConfig;
    zones?: ReadonlySet<string>;
    timings: Timings;
    clock: Clock;
    stateFile?: string;
    rateLimit?: RateLimitOptions;
    listing: ListingOptions;
}

/** Validates a listing change; throws RangeError on a shape or page size it cannot honour. */
export function checkListing(listing: Partial<ListingOptions>): void {
    if (listing.shape !== undefined && listing.shape !== "certificate" && listing.shape !== "association") {
        throw new RangeError(`list shape must be "certificate" or "association", not ${JSON.stringify(listing.shape)}`);
    }
    if (listing.pageSize !== undefined && (!Number.isInteger(listing.pageSize) || listing.pageSize < 1)) {
        throw new RangeError("list page size must be a whole number >= 1");
    }
}

/** Applies defaults and validates. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
    const zones = options.zones;
    if (zones && !zones.every((z) => ZONE_ID.test(z))) throw new RangeError("zones must be 32-character lowercase hex ids");
    return {
        port: options.port ?? 0,
        host: options.host ?? "127.0.0.1",
        auth: {
            tokens: options.tokens ?? [DEFAULT_API_TOKEN],
            readOnlyTokens: options.readOnlyTokens ?? [],
            apiKeys: options.apiKeys ?? [DEFAULT_API_KEY],
        },
        zones: zones ? new Set(zones) : undefined,
        timings: resolveTimings(options.timings),
        clock: options.clock === "manual" ? new ManualClock() : (options.clock ?? systemClock),
        stateFile: options.stateFile,
        rateLimit: options.rateLimit,
        listing: listingOptions(options),
    };
}

function listingOptions(options: EmulatorOptions): ListingOptions {
    const listing = { shape: options.listShape ?? "certificate", pageSize: options.listPageSize };
    checkListing(listing);
    return listing;
}
