/**
 * The dynamic provider for `HostnameAssociation`. Loaded in the provider process by the one-line
 * module each association carries as `__provider` (`sdk/providerModule.ts`), so none of this ends up in state.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { type OperationContext, type ProviderOptions, runOperation } from "../runtime/context";
import type { RecordedConfigMethod } from "../runtime/recordedCredentials";
import { type ProviderSettings, settingsFromConfig } from "../core/credentials";
import { DEFAULT_DELETE_TIMEOUT, timeoutMs } from "../core/duration";
import { ASSOCIATION_INPUT_NAMES, type HostnameAssociationInputs, type HostnameAssociationOutputs, PLUGIN_ASSOCIATION_TOKEN } from "../contract";
import { pickInputs } from "../runtime/inputs";
import { associationOutputs, createAssociation, updateAssociation } from "./create";
import { checkAssociationInputs } from "./check";
import { voidAndWait } from "./delete";
import { diffAssociationInputs, refuseDeleteFirstReplacement } from "./diff";
import { isGone, observeAssociation } from "./status";
import { associationId, storedOwner } from "./types";

/**
 * The `HostnameAssociation` provider. Programs never construct one: each resource's `__provider`
 * loads {@link hostnameAssociationProvider}. Construct one with options for tests or advanced use.
 * @example const provider = new HostnameAssociationProvider({ batchWindowMs: 100 });
 */
export class HostnameAssociationProvider implements dynamic.ResourceProvider<HostnameAssociationInputs, HostnameAssociationOutputs> {
    /** Stack config from `configure`; lives in the provider process only, never in state. */
    private settings: ProviderSettings = {};

    constructor(private readonly options: ProviderOptions = {}) {}

    /** Reads `cloudflare:apiToken`, `cloudflare:apiKey`, `cloudflare:email` and `cloudflare:baseUrl`. */
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
        this.settings = settingsFromConfig(req.config);
    }

    async check(olds: HostnameAssociationInputs, news: HostnameAssociationInputs): Promise<dynamic.CheckResult<HostnameAssociationInputs>> {
        return checkAssociationInputs(news);
    }

    /** See `diff.ts`; refuses a delete-first replacement of the certificate under this association. */
    async diff(id: string, olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): Promise<dynamic.DiffResult> {
        refuseDeleteFirstReplacement(olds, news);
        return diffAssociationInputs(olds, news);
    }

    /** PUT, then wait until the association is active; the ID is `<zoneId>/<hostname>`. */
    async create(inputs: HostnameAssociationInputs): Promise<dynamic.CreateResult<HostnameAssociationOutputs>> {
        return this.guard(inputs, async (ctx) => {
            const outs = await createAssociation(ctx, inputs);
            return { id: associationId(outs.zoneId, outs.hostname), outs };
        });
    }

    /**
     * Refresh: a hostname without an association (Cloudflare's 1553, `deleted`, or voided) reads as missing.
     * Outputs and inputs carry the live `certificateId` and `enabled`, and every other input stays
     * as the program wrote it: drift in those two shows on the next preview as an update, with the
     * live values on the left, and nothing else diffs.
     */
    async read(id: string, props?: HostnameAssociationOutputs): Promise<dynamic.ReadResult<HostnameAssociationOutputs>> {
        if (!props?.zoneId || !props.hostname) {
            throw new Error(
                "HostnameAssociation cannot be read without its zoneId and hostname: `pulumi import` cannot import a dynamic resource; " +
                    `use the \`import\` resource option in the program instead (\`{ import: "<hostname>" }\`), or \`pulumi import ${PLUGIN_ASSOCIATION_TOKEN} …\` through the resource plugin`,
            );
        }
        return this.guard(props, async (ctx) => {
            const observed = await observeAssociation(ctx, props.zoneId, props.hostname);
            if (isGone(observed) || observed.enabled === null) return {};
            // Who manages it stays as stored: a hostname moved elsewhere shows as drift in certificateId, and is not this resource's to void.
            const outs = associationOutputs(observed, props, storedOwner(props));
            const inputs = { ...pickInputs<HostnameAssociationInputs>(props, ASSOCIATION_INPUT_NAMES), certificateId: outs.certificateId, enabled: outs.enabled };
            // Pulumi types a read's inputs as its outputs; they are the inputs.
            return { id, props: outs, inputs: inputs as HostnameAssociationOutputs };
        }, "read");
    }

    /** Moves the association to another certificate or flips `enabled` with one PUT, then waits; timeouts alone make no call. */
    async update(id: string, olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): Promise<dynamic.UpdateResult<HostnameAssociationOutputs>> {
        return this.guard(news, async (ctx) => ({ outs: await updateAssociation(ctx, olds, news) }));
    }

    /**
     * Voids the association (`enabled: null`) and waits until it is gone, only while the hostname still
     * uses the certificate this resource set; an already deleted certificate or association is done.
     */
    async delete(id: string, props: HostnameAssociationOutputs): Promise<void> {
        await this.guard(props, async (ctx) => {
            const timeoutText = props.deleteTimeout ?? DEFAULT_DELETE_TIMEOUT;
            const deadline = ctx.now() + timeoutMs(props.deleteTimeout, DEFAULT_DELETE_TIMEOUT);
            const { managedCertificateId } = storedOwner(props);
            await voidAndWait(ctx, { zoneId: props.zoneId, hostname: props.hostname, certificateId: managedCertificateId, deadline, timeoutText });
        }, "delete");
    }

    /** Runs `operation` for this resource (see `runOperation`). */
    private guard<T>(props: HostnameAssociationInputs, operation: (ctx: OperationContext) => Promise<T>, method?: RecordedConfigMethod): Promise<T> {
        return runOperation(this.options, this.settings, props.__urn, [], operation, method);
    }
}

/** Creates a provider with injected options (tests, advanced use). */
export function createHostnameAssociationProvider(options: ProviderOptions = {}): HostnameAssociationProvider {
    return new HostnameAssociationProvider(options);
}

/** The provider instance each association's `__provider` module hands to Pulumi. */
export const hostnameAssociationProvider = new HostnameAssociationProvider();
