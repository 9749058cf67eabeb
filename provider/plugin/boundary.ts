/** What crosses between the plugin's calls and the dynamic providers' methods, both ways. */
import { IMPORT_KEY, PROVIDER_KEY, URN_KEY } from "../contract";
import { withPluginConfigKeys } from "./settings";

type Props = Record<string, unknown>;

/** Only the dynamic path keeps these among a resource's properties. */
const DYNAMIC_ONLY = new Set([URN_KEY, PROVIDER_KEY, IMPORT_KEY]);

export function plainProps(props: Props | undefined): Props {
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
