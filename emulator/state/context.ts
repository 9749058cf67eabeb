/**
 * What the API operations and the control surface share.
 */
import type { Clock } from "./clock";
import type { Timings } from "./lifecycle";
import type { OutcomePlan } from "./outcomes";
import type { Store } from "./store";
import type { ListingOptions } from "./types";

/** Per-zone and per-certificate limits, documented by Cloudflare. */
export const LIMITS = Object.freeze({
    /** "10 hostname certificates per zone are allowed." */
    certificatesPerZone: 10,
    /** "100 maximum associations on a single certificate are allowed." */
    associationsPerCertificate: 100,
});

/** The state and settings an operation works on. */
export interface EmulatorContext {
    readonly store: Store;
    readonly clock: Clock;
    readonly timings: Timings;
    readonly outcomes: OutcomePlan;
    /** How lists are shaped and paged (mutable: the control API changes it). */
    readonly listing: ListingOptions;
}
