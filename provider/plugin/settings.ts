/**
 * The plugin's provider config: the `cloudflare:*` settings under the plugin's own package,
 * `cloudflare-hostname-certificates:<key>` (stack config, or an explicit provider's arguments). The
 * engine sends a provider only its own package's keys, so `cloudflare:*` cannot reach it. The
 * environment variables are the same as the dynamic provider's and are read when a method runs.
 */
import { type ConfigSource, SETTINGS_SOURCES } from "../core/credentials";
import { PLUGIN_PACKAGE } from "../contract";

/** Provider config as the engine sends it: `<package>:config:<key>` to the value. */
export type ConfigVariables = ReadonlyMap<string, string>;

const DYNAMIC_PREFIX = "cloudflare:";

/** The variables as the dynamic provider's config: its `cloudflare:<key>` reads `<package>:config:<key>`. */
export function pluginConfig(variables: ConfigVariables): ConfigSource {
    return {
        get: (key) => (key.startsWith(DYNAMIC_PREFIX) ? variables.get(`${PLUGIN_PACKAGE}:config:${key.slice(DYNAMIC_PREFIX.length)}`) : undefined),
    };
}

const KEYS = Object.values(SETTINGS_SOURCES).map(({ config }) => config.slice(DYNAMIC_PREFIX.length));
const DYNAMIC_KEY = new RegExp(`\\bcloudflare:(${KEYS.join("|")})\\b`, "g");

/** A message from the shared code with the config keys the plugin reads (`cloudflare:baseUrl` → `<package>:baseUrl`). */
export function withPluginConfigKeys(message: string): string {
    return message.replace(DYNAMIC_KEY, `${PLUGIN_PACKAGE}:$1`);
}
