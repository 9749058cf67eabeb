/**
 * The emulator's state and control knobs, independent of HTTP: the store, the clock, planned
 * failures, fault injection, rate limiting, the request log and persistence.
 */
import type { EmulatorContext } from "../state/context";
import { FaultInjector } from "../control/faults";
import { type ForeignLoad, RateLimiter } from "../control/rateLimit";
import { type AuthConfig, tokenIdentity } from "../api/auth";
import { Controller, EmulatorControlError } from "../control/outOfBand";
import { OutcomePlan } from "../state/outcomes";
import type { ResolvedOptions } from "./options";
import { loadState, saveState } from "../state/persistence";
import { RequestLog } from "../control/request-log";
import { Store } from "../state/store";
import type { ListingOptions } from "../state/types";
import { checkListing } from "./options";

/** Everything a running emulator holds. Shared by the HTTP server, the HTTP control API and the JS API. */
export class EmulatorRuntime {
    readonly ctx: EmulatorContext;
    readonly controller: Controller;
    readonly faults = new FaultInjector();
    readonly log = new RequestLog();
    readonly rateLimiter?: RateLimiter;
    /** Real delay added to every API response, in ms. */
    latencyMs: number;
    /** The credentials accepted now: the start options, less any token revoked since. */
    auth: AuthConfig;

    constructor(readonly options: ResolvedOptions) {
        const store = new Store(options.clock, () => this.persist());
        if (options.stateFile) {
            const snapshot = loadState(options.stateFile);
            if (snapshot) store.restore(snapshot);
        }
        this.ctx = { store, clock: options.clock, timings: options.timings, outcomes: new OutcomePlan(), listing: { ...options.listing } };
        this.controller = new Controller(this.ctx);
        this.rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
        this.latencyMs = options.timings.latencyMs;
        this.auth = options.auth;
    }

    /** Stops accepting a token, as rolling or revoking it in the dashboard does: its requests get 403 (10000) from now on. */
    revokeToken(token: string): void {
        const { tokens, readOnlyTokens } = this.auth;
        if (!tokens.includes(token) && !readOnlyTokens.includes(token)) throw new RangeError("that token is not accepted, so it cannot be revoked");
        this.auth = { ...this.auth, tokens: tokens.filter((t) => t !== token), readOnlyTokens: readOnlyTokens.filter((t) => t !== token) };
    }

    /** Sets the per-request latency (real time). */
    setLatency(ms: number): void {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError("latency must be a finite number >= 0");
        this.latencyMs = ms;
    }

    /** Changes how lists are shaped and paged; `pageSize: null` puts everything on one page again. */
    setListing(change: { shape?: ListingOptions["shape"]; pageSize?: number | null }): void {
        const next = { ...this.ctx.listing, ...change, pageSize: change.pageSize === null ? undefined : (change.pageSize ?? this.ctx.listing.pageSize) };
        checkListing(next);
        Object.assign(this.ctx.listing, next);
    }

    /**
     * A foreign client spends `requestsPerSecond` of `token`'s rate-limit budget from now on (0 stops
     * it). @param token @default the first configured token
     */
    setForeignLoad(requestsPerSecond: number, token?: string): void {
        this.limiterFor("a foreign load").setForeignLoad(this.identityOf(token), requestsPerSecond, this.ctx.clock.now());
    }

    /** The foreign client's load on `token` and its requests so far. @param token @default the first configured token */
    foreignLoad(token?: string): ForeignLoad {
        return this.limiterFor("a foreign load").foreignLoad(this.identityOf(token), this.ctx.clock.now());
    }

    private limiterFor(what: string): RateLimiter {
        if (!this.rateLimiter) throw new EmulatorControlError(`${what} needs a rate limit: start the emulator with rateLimit (--rate-limit)`);
        return this.rateLimiter;
    }

    private identityOf(token: string | undefined): string {
        const chosen = token ?? this.options.auth.tokens[0];
        if (chosen === undefined || ![...this.options.auth.tokens, ...this.options.auth.readOnlyTokens].includes(chosen)) {
            throw new EmulatorControlError("a foreign load needs one of the emulator's tokens");
        }
        return tokenIdentity(chosen);
    }

    /** Back to a fresh emulator: no certificates, associations, log entries, faults or planned failures; every token accepted again. */
    reset(): void {
        this.ctx.store.clear();
        this.ctx.outcomes.clear();
        this.faults.clear();
        this.log.clear();
        this.rateLimiter?.clear();
        this.latencyMs = this.options.timings.latencyMs;
        this.auth = this.options.auth;
        Object.assign(this.ctx.listing, this.options.listing);
    }

    /** Writes the state file, if persistence is on. */
    persist(): void {
        if (this.options.stateFile) saveState(this.options.stateFile, this.ctx.store.snapshot());
    }
}
