/**
 * Every `__provider` text a release of this package has written into state, for the standard install
 * (the published name in the program's node_modules). Stacks keep these texts until their resources
 * are next updated, and refresh and destroy run them, so each must keep loading the provider from
 * every later release. Add the texts of a new release here; never remove one.
 */
export const PUBLISHED_PROVIDER_MODULES: Readonly<Record<string, readonly string[]>> = {
    "0.1.0 (first release)": [
        'exports.handler = () => require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider;\n',
        'exports.handler = () => require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider;\n',
    ],
    "0.1.0 (loads the package as installed)": ["hostnameCertificateProvider", "hostnameAssociationProvider"].map(
        (name) => `exports.handler = () => {
  for (const [id, from] of [["pulumi-cloudflare-hostname-certificates/provider","."]]) {
    let file;
    try { file = require.resolve(id, { paths: [require("path").resolve(from)] }); } catch { continue; }
    return require(file).${name};
  }
  throw new Error("Cannot find pulumi-cloudflare-hostname-certificates/provider from " + process.cwd() + ": install pulumi-cloudflare-hostname-certificates in this Pulumi program (the version that deployed the stack, or newer)");
};
`,
    ),
};
