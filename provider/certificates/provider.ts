/**
 * The dynamic provider for `HostnameCertificate`. Loaded in the provider process by the one-line
 * module each certificate carries as `__provider` (see `sdk/providerModule.ts`), so none of this ends up in state.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { type HostnameCertificateInputs, type HostnameCertificateOutputs, LEAVING_STATUSES, PLUGIN_CERTIFICATE_TOKEN } from "../contract";
import { checkInputs } from "./check";
import { type OperationContext, type ProviderOptions, runOperation } from "../runtime/context";
import type { RecordedConfigMethod } from "../runtime/recordedCredentials";
import { createHostnameCertificate } from "./create";
import { type ProviderSettings, settingsFromConfig } from "../core/credentials";
import { deleteAndWait } from "./delete";
import { diffInputs } from "./diff";
import { DEFAULT_DELETE_TIMEOUT, timeoutMs } from "../core/duration";
import { computedOutputs, echoedInputs, type StoredOutputs, toOutputs } from "./outputs";
import { resourceReporter } from "../runtime/progress";
import { noteDeleteFirstReplacement } from "../runtime/replacements";
import { deploymentDeadline, observeSettled, settleCertificate } from "./settle";
import { observe } from "./status";

/**
 * The `HostnameCertificate` provider. Programs never construct one: each resource's `__provider`
 * loads {@link hostnameCertificateProvider}. Construct one with options for tests or advanced use.
 * @example const provider = new HostnameCertificateProvider({ requestTimeoutMs: 10_000 });
 */
export class HostnameCertificateProvider implements dynamic.ResourceProvider<HostnameCertificateInputs, HostnameCertificateOutputs> {
    /** Stack config from `configure`; lives in the provider process only, never in state. */
    private settings: ProviderSettings = {};

    constructor(private readonly options: ProviderOptions = {}) {}

    /** Reads `cloudflare:apiToken`, `cloudflare:apiKey`, `cloudflare:email` and `cloudflare:baseUrl`. */
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
        this.settings = settingsFromConfig(req.config);
    }

    /** Local validation; an unchanged deployed certificate outside its validity window only warns (see `check.ts`). */
    async check(olds: HostnameCertificateInputs, news: HostnameCertificateInputs): Promise<dynamic.CheckResult<HostnameCertificateInputs>> {
        const existing = olds && Object.keys(olds).length > 0 ? olds : undefined;
        const { inputs, failures, warnings } = checkInputs(news, { now: this.options.now, olds: existing });
        if (warnings.length > 0) {
            const progress = this.options.progress ?? resourceReporter(news.__urn);
            for (const warning of warnings) progress.warn(warning);
            await progress.flush?.();
        }
        return { inputs, failures };
    }

    /** See `diff.ts`; a delete-first replacement is noted for the associations' diffs (`../runtime/replacements`). */
    async diff(id: string, olds: HostnameCertificateOutputs, news: HostnameCertificateInputs): Promise<dynamic.DiffResult> {
        const result = diffInputs(olds, news);
        if (result.deleteBeforeReplace) noteDeleteFirstReplacement(id);
        return result;
    }

    async create(inputs: HostnameCertificateInputs): Promise<dynamic.CreateResult<HostnameCertificateOutputs>> {
        return this.guard(inputs, async (ctx) => {
            const outs = await createHostnameCertificate(ctx, inputs);
            return { id: outs.certificateId, outs };
        });
    }

    /**
     * Refresh: a certificate Cloudflare reports gone (1552 not found, `pending_deletion`, `deleted`)
     * reads as missing. One stored as not active is waited for while it deploys (within
     * createTimeout), and its status is whatever Cloudflare then reports. No `inputs` are returned,
     * so the engine keeps the stored ones, the encrypted key among them: `props` are the stored
     * outputs, which no longer hold the key (those earlier versions wrote do, and lose it here).
     */
    async read(id: string, props?: HostnameCertificateOutputs): Promise<dynamic.ReadResult<HostnameCertificateOutputs>> {
        if (!props?.zoneId) {
            throw new Error(
                "HostnameCertificate cannot be read without its zoneId: `pulumi import` cannot import a dynamic resource; " +
                    `use the \`import\` resource option in the program instead (\`{ import: "<certificate id>" }\`), or \`pulumi import ${PLUGIN_CERTIFICATE_TOKEN} …\` through the resource plugin`,
            );
        }
        return this.guard(props, async (ctx) => {
            const observed =
                props.status === "active"
                    ? await observe(ctx, props.zoneId, id)
                    : await observeSettled(ctx, props.zoneId, id, deploymentDeadline(ctx, props.createTimeout));
            // Gone, or on its way out: Pulumi drops the resource and the next `up` recreates it.
            if (observed.status === "removed" || LEAVING_STATUSES.has(observed.status)) return {};
            return { id, props: toOutputs(observed, props) };
        }, "read");
    }

    /**
     * Only timeouts can change in place (diff replaces on anything else), so for an active certificate
     * no API call. One stored as not active (a partial create, or a refresh that found it so) is read
     * again and waited for; unless Cloudflare reports it `active`, the update fails and the engine keeps
     * it as unhealthy (see `settle.ts`).
     */
    async update(id: string, olds: HostnameCertificateOutputs, news: HostnameCertificateInputs): Promise<dynamic.UpdateResult<HostnameCertificateOutputs>> {
        if (olds.status !== "active") {
            return this.guard(news, async (ctx) => ({ outs: await settleCertificate(ctx, id, news) }));
        }
        const echoed = echoedInputs(news);
        // A checked key always has a fingerprint.
        return { outs: { ...computedOutputs(olds), ...echoed, privateKeyFingerprint: echoed.privateKeyFingerprint ?? "" } };
    }

    async delete(id: string, props: HostnameCertificateOutputs): Promise<void> {
        await this.guard(props, async (ctx) => {
            const deadline = ctx.now() + timeoutMs(props.deleteTimeout, DEFAULT_DELETE_TIMEOUT);
            await deleteAndWait(ctx, props.zoneId, id, deadline, `deleteTimeout ${props.deleteTimeout ?? DEFAULT_DELETE_TIMEOUT}`);
        }, "delete");
    }

    /** Runs `operation` for this resource (see `runOperation`); errors are scrubbed of the key too, when `props` hold it. */
    private guard<T>(props: HostnameCertificateInputs | StoredOutputs, operation: (ctx: OperationContext) => Promise<T>, method?: RecordedConfigMethod): Promise<T> {
        return runOperation(this.options, this.settings, props.__urn, [props.privateKey], operation, method);
    }
}

/** Creates a provider with injected options (tests, advanced use). */
export function createHostnameCertificateProvider(options: ProviderOptions = {}): HostnameCertificateProvider {
    return new HostnameCertificateProvider(options);
}

/** The provider instance each certificate's `__provider` module hands to Pulumi. */
export const hostnameCertificateProvider = new HostnameCertificateProvider();
