/**
 * The resource plugin's public names: the package, its type tokens and its config namespace. Programs
 * in every language, `pulumi import`, state and the policy pack name resources by these, so they never
 * change (README, "Public contract").
 */

/** The Pulumi package: plugin `pulumi-resource-<name>`, config keys `<name>:<key>`. */
export const PLUGIN_PACKAGE = "cloudflare-hostname-certificates";

/** `HostnameCertificate` as the plugin serves it. */
export const PLUGIN_CERTIFICATE_TOKEN = `${PLUGIN_PACKAGE}:index:HostnameCertificate`;

/** `HostnameAssociation` as the plugin serves it. */
export const PLUGIN_ASSOCIATION_TOKEN = `${PLUGIN_PACKAGE}:index:HostnameAssociation`;
