/**
 * Every `__provider` text a release wrote into state keeps loading the provider of the built package
 * (dist/), as the program installed it: from here, the package resolves through the link that setup
 * puts in node_modules.
 */
import { loadThroughHost, PROVIDER_METHODS } from "./dynamicProviderHost";
import { PUBLISHED_PROVIDER_MODULES } from "./publishedProviderModules";

const texts = Object.entries(PUBLISHED_PROVIDER_MODULES).flatMap(([release, list]) => list.map((text) => [release, text] as const));

test.each(texts)("%s: %s", (_release, text) => {
    const name = text.includes("hostnameAssociationProvider") ? "hostnameAssociationProvider" : "hostnameCertificateProvider";
    expect(loadThroughHost(text, name, __dirname)).toEqual({ same: true, methods: PROVIDER_METHODS });
});
