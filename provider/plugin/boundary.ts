/**
 * What crosses between the plugin's calls and the dynamic providers' methods, both ways: the one
 * place the plugin meets Pulumi's untyped properties (the engine sends plain records; the providers
 * take their declared inputs and outputs, which their own check and create vetted).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { HostnameAssociationProvider } from "../associations/provider";
import type { HostnameCertificateProvider } from "../certificates/provider";
import { IMPORT_KEY, PROVIDER_KEY, URN_KEY } from "../contract";
import { withPluginConfigKeys } from "./settings";

type Props = Record<string, unknown>;

/** What both dynamic providers offer, seen with the engine's untyped properties. */
export interface Delegate {
    configure(req: dynamic.ConfigureRequest): Promise<void>;
    check(olds: Props, news: Props): Promise<dynamic.CheckResult<Props>>;
    diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult>;
    create(inputs: Props): Promise<dynamic.CreateResult<Props>>;
    read(id: string, props?: Props): Promise<dynamic.ReadResult<Props>>;
    update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult<Props>>;
    delete(id: string, props: Props): Promise<void>;
}

/** A dynamic provider as the plugin calls it: the engine's properties go in as they come. */
export function untypedDelegate(delegate: HostnameCertificateProvider | HostnameAssociationProvider): Delegate {
    return delegate as unknown as Delegate;
}

/** Only the dynamic path keeps these among a resource's properties. */
const DYNAMIC_ONLY = new Set([URN_KEY, PROVIDER_KEY, IMPORT_KEY]);

export function plainProps(props: object | undefined): Props {
    return Object.fromEntries(Object.entries(props ?? {}).filter(([name]) => !DYNAMIC_ONLY.has(name)));
}

/**
 * Runs one delegated call. Its errors name the plugin's config keys; a partial failure's properties
 * (kept in state by the engine) lose what only the dynamic path keeps.
 */
export async function call<T>(operation: () => Promise<T>): Promise<T> {
    try {
        return await operation();
    } catch (error) {
        if (!(error instanceof Error)) throw error;
        error.message = withPluginConfigKeys(error.message);
        const partial = error as Error & { properties?: Props };
        if (partial.properties) partial.properties = plainProps(partial.properties);
        throw error;
    }
}
