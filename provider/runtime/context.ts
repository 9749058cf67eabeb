/**
 * What one provider method needs to talk to Cloudflare, built when the method runs: credentials
 * and endpoint come from the configured settings or the environment at that moment.
 */
import type { Dispatcher } from "undici";
import { CloudflareClient } from "../client/http";
import { DEFAULT_RATE_RESERVE, parseRateReserve } from "../client/rateBudget";
import { DEFAULT_RATE_LIMIT, parseRateLimits, processRateLimiter, RateLimiter } from "../client/rateLimiter";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "../client/retry";
import { type AdoptionPolicy, parseAdoption } from "./adoption";
import { Batches, DEFAULT_BATCH_WINDOW_MS } from "./batcher";
import {
    accountIdentity,
    adoptExistingSetting,
    type Credentials,
    isLoopbackHost,
    type ProviderSettings,
    rateLimitSetting,
    rateReserveSetting,
    resolveBaseUrl,
    resolveCredentials,
} from "../core/credentials";
import { DEFAULT_POLL_OPTIONS, type PollOptions } from "./polling";
import { type ProgressReporter, resourceReporter } from "./progress";
import { redact, redactError, secretFragments } from "../core/redact";
import { type RecordedConfigMethod, withRecordedCredentialsAdvice } from "./recordedCredentials";
import { StatusBoards } from "./statusBoard";

/**
 * Knobs for tests and advanced use; every one has a production default.
 * @example new HostnameCertificateProvider({ requestTimeoutMs: 10_000, poll: { maxDelayMs: 2_000 } })
 */
export interface ProviderOptions {
    /** Environment to read credentials from. @default process.env (read at call time) */
    readonly env?: NodeJS.ProcessEnv;
    /** @default Date.now */
    readonly now?: () => number;
    /** @default setTimeout-based sleep */
    readonly sleep?: (ms: number) => Promise<void>;
    /** @default Math.random */
    readonly random?: () => number;
    /** Status polling (see `DEFAULT_POLL_OPTIONS`). */
    readonly poll?: Partial<PollOptions>;
    /** How long a batch of hostname changes stays open (see `DEFAULT_BATCH_WINDOW_MS`). @default 200 */
    readonly batchWindowMs?: number;
    /** API retries (see `DEFAULT_RETRY_OPTIONS`). */
    readonly retry?: Partial<RetryOptions>;
    /** Per-request timeout. @default 30000 */
    readonly requestTimeoutMs?: number;
    /** Where progress, log and warning lines go. @default stderr */
    readonly progress?: ProgressReporter;
    /** undici dispatcher for the API client. @default undici's global dispatcher */
    readonly dispatcher?: Dispatcher;
    /**
     * The limiter every request waits on. @default the process-wide `processRateLimiter()`; but a
     * provider given its own `now` or `sleep` gets a limiter of its own on that clock, since one
     * process-wide limiter cannot follow several clocks. Its limits and reserve are (re)read from
     * `cloudflare:rateLimit` / `CLOUDFLARE_RATE_LIMIT` and `cloudflare:rateReserve` /
     * `CLOUDFLARE_RATE_RESERVE` whenever a method runs.
     */
    readonly rateLimiter?: RateLimiter;
}

export interface OperationContext {
    readonly client: CloudflareClient;
    readonly poll: PollOptions;
    readonly progress: ProgressReporter;
    readonly now: () => number;
    readonly sleep: (ms: number) => Promise<void>;
    /** Scrubs secrets (key, credentials) out of a message. */
    readonly redact: (text: string) => string;
    /** Which identical certificates already in a zone a create may adopt (the recovery switch). */
    readonly adoption: AdoptionPolicy;
    /** Base URL and a hash of the credentials: with the zone, what makes reads and batched writes shareable. */
    readonly account: string;
    /** The process's status boards: waits on the same zone share their reads. */
    readonly boards: StatusBoards;
    /** The process's write batches: hostname changes to one zone go out together. */
    readonly batches: Batches;
    /** How long a batch of hostname changes stays open. */
    readonly batchWindowMs: number;
}

function clock(options: ProviderOptions) {
    return {
        now: options.now ?? DEFAULT_RETRY_OPTIONS.now,
        sleep: options.sleep ?? DEFAULT_RETRY_OPTIONS.sleep,
        random: options.random ?? DEFAULT_RETRY_OPTIONS.random,
    };
}

const ownLimiters = new WeakMap<ProviderOptions, RateLimiter>();

/** Boards and batches go with the limiter: one set per process, or per provider on its own clock. */
const coalescing = new WeakMap<RateLimiter, { boards: StatusBoards; batches: Batches }>();

function coalescingFor(limiter: RateLimiter): { boards: StatusBoards; batches: Batches } {
    let shared = coalescing.get(limiter);
    if (!shared) {
        shared = { boards: new StatusBoards(limiter), batches: new Batches() };
        coalescing.set(limiter, shared);
    }
    return shared;
}

/** The limiter for these options (see `ProviderOptions.rateLimiter`), with the configured limits applied. */
function rateLimiterFor(options: ProviderOptions, settings: ProviderSettings, env: NodeJS.ProcessEnv): RateLimiter {
    let limiter = options.rateLimiter;
    if (!limiter && options.now === undefined && options.sleep === undefined) limiter = processRateLimiter();
    if (!limiter) {
        limiter = ownLimiters.get(options) ?? new RateLimiter({ now: clock(options).now, sleep: clock(options).sleep });
        ownLimiters.set(options, limiter);
    }
    limiter.setLimits(parseRateLimits(rateLimitSetting(settings, env) ?? DEFAULT_RATE_LIMIT));
    limiter.setPace({ reserve: parseRateReserve(rateReserveSetting(settings, env) ?? DEFAULT_RATE_RESERVE) });
    return limiter;
}

const warnedInsecure = new Set<string>();

/** Once per process and base URL: plain http:// to another machine was allowed explicitly, and is still worth knowing. */
function warnIfInsecure(baseUrl: string, progress: ProgressReporter): void {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" || isLoopbackHost(url.hostname) || warnedInsecure.has(baseUrl)) return;
    warnedInsecure.add(baseUrl);
    progress.warn(`Cloudflare credentials go unencrypted to ${url.host} (plain http://, allowed by cloudflare:allowInsecureHttp)`);
}

function credentialSecrets(credentials: Credentials): string[] {
    return credentials.kind === "apiToken" ? [credentials.apiToken] : [credentials.apiKey];
}

/** Builds the context; throws `MissingCredentialsError` when no credentials are configured. */
export function operationContext(
    options: ProviderOptions,
    settings: ProviderSettings,
    progress: ProgressReporter,
    secrets: readonly (string | undefined)[],
): OperationContext {
    const env = options.env ?? process.env;
    const credentials = resolveCredentials(settings, env);
    const fragments = secretFragments([...secrets, ...credentialSecrets(credentials)]);
    const scrub = (text: string) => redact(text, fragments);
    const safeProgress: ProgressReporter = {
        report: (m) => progress.report(scrub(m)),
        log: (m) => progress.log(scrub(m)),
        warn: (m) => progress.warn(scrub(m)),
    };
    const time = clock(options);
    const baseUrl = resolveBaseUrl(settings, env);
    warnIfInsecure(baseUrl, safeProgress);
    const rateLimiter = rateLimiterFor(options, settings, env);
    const client = new CloudflareClient({
        baseUrl,
        credentials,
        requestTimeoutMs: options.requestTimeoutMs,
        retry: { ...time, ...options.retry },
        dispatcher: options.dispatcher,
        log: safeProgress.log,
        rateLimiter,
    });
    return {
        client,
        poll: { ...DEFAULT_POLL_OPTIONS, ...time, ...options.poll },
        progress: safeProgress,
        now: time.now,
        sleep: time.sleep,
        redact: scrub,
        adoption: parseAdoption(adoptExistingSetting(settings, env)),
        account: accountIdentity(baseUrl, credentials),
        ...coalescingFor(rateLimiter),
        batchWindowMs: options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS,
    };
}

/**
 * Runs one provider method: a fresh context whose lines go to the row of the resource `urn` names,
 * every error leaving it scrubbed of `secrets` and the credentials, and its progress flushed. For
 * `read` and `delete`, which refresh and destroy run with the config recorded at the last `up`, an
 * authentication failure also says so (`./recordedCredentials`).
 */
export async function runOperation<T>(
    options: ProviderOptions,
    settings: ProviderSettings,
    urn: string | undefined,
    secrets: readonly (string | undefined)[],
    operation: (ctx: OperationContext) => Promise<T>,
    method?: RecordedConfigMethod,
): Promise<T> {
    const progress = options.progress ?? resourceReporter(urn);
    try {
        return await operation(operationContext(options, settings, progress, secrets));
    } catch (error) {
        throw redactError(withRecordedCredentialsAdvice(error, settings, method), knownSecretFragments(options, settings, secrets));
    } finally {
        await progress.flush?.();
    }
}

/** Secrets that may be known even before credentials resolve (for scrubbing early errors). */
function knownSecretFragments(options: ProviderOptions, settings: ProviderSettings, secrets: readonly (string | undefined)[]): string[] {
    const env = options.env ?? process.env;
    return secretFragments([
        ...secrets,
        settings.apiToken,
        settings.apiKey,
        env.CLOUDFLARE_API_TOKEN,
        env.CLOUDFLARE_API_KEY,
    ]);
}
