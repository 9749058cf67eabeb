/**
 * What every resource carries in state as `__provider`: the text of a one-line CommonJS module whose
 * `handler()` returns the installed package's provider.
 *
 * Pulumi's dynamic-provider host loads `__provider` as a module and calls `handler()` (the contract
 * `pulumi.dynamic.Resource` meets by serializing a closure). Writing the module ourselves instead
 * keeps each resource's copy at about 100 bytes rather than a 2.8 KB closure, and the same across
 * Pulumi versions; the program never runs the closure serializer, and nothing of the program
 * (credentials included) can be captured. Because it loads the installed package by name, an upgrade
 * takes effect for resources created before it, delete and refresh included.
 */

/** The provider objects `pulumi-cloudflare-hostname-certificates/provider` exports for the SDK. */
export type ProviderExport = "hostnameCertificateProvider" | "hostnameAssociationProvider";

/** The property Pulumi's dynamic-provider host reads the provider module from. */
export const PROVIDER_KEY = "__provider";

/**
 * The `__provider` module text for one resource type.
 * @example providerModule("hostnameCertificateProvider")
 * // exports.handler = () => require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider;
 */
export function providerModule(name: ProviderExport): string {
    return `exports.handler = () => require("pulumi-cloudflare-hostname-certificates/provider").${name};\n`;
}
