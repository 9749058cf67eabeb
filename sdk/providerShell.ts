/**
 * The objects Pulumi serializes into every resource's state (`__provider`): one shell per resource
 * type. They are kept tiny on purpose: each method only loads the installed package's provider and
 * delegates, so the client, its dependencies and any credentials never end up in state, and a
 * package upgrade takes effect for existing resources too.
 *
 * Rules for this file: no imports used inside the methods, no module-level values, no `this`.
 * Pulumi's closure serializer would capture them by value.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** One shared instance: Pulumi caches the serialization per provider object. */
export const providerShell: dynamic.ResourceProvider = {
    async configure(req) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.configure(req);
    },
    async check(olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.check(olds, news);
    },
    async diff(id, olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.diff(id, olds, news);
    },
    async create(inputs) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.create(inputs);
    },
    async read(id, props) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.read(id, props);
    },
    async update(id, olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.update(id, olds, news);
    },
    async delete(id, props) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider.delete(id, props);
    },
};

/**
 * The same kind of shell for every HostnameAssociation: delegates to `hostnameAssociationProvider`.
 * @example super(associationProviderShell, name, props, opts, "cloudflare", "HostnameAssociation");
 */
export const associationProviderShell: dynamic.ResourceProvider = {
    async configure(req) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.configure(req);
    },
    async check(olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.check(olds, news);
    },
    async diff(id, olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.diff(id, olds, news);
    },
    async create(inputs) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.create(inputs);
    },
    async read(id, props) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.read(id, props);
    },
    async update(id, olds, news) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.update(id, olds, news);
    },
    async delete(id, props) {
        return require("pulumi-cloudflare-hostname-certificates/provider").hostnameAssociationProvider.delete(id, props);
    },
};
