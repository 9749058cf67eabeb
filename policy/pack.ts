/**
 * The `cloudflare-hostname-certificates` policy pack: the only module that constructs a
 * `PolicyPack`, which starts the gRPC server the Pulumi CLI talks to. Run it with
 * `pulumi preview --policy-pack <this folder>`; the folder's package.json points `main` at the
 * compiled copy of this file. Teams who want these policies in their own pack import
 * `createPolicies` from `./index` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { createPolicies, POLICY_PACK_NAME } from "./index";

new PolicyPack(POLICY_PACK_NAME, {
    displayName: "Cloudflare hostname certificates",
    description:
        "Checks Cloudflare per-hostname Authenticated Origin Pulls certificates before they are deployed: expiry, validity start, key and signature strength, the 10-per-zone limit and allowed issuers.",
    provider: "cloudflare",
    tags: ["cloudflare", "certificates", "tls"],
    policies: createPolicies(),
});
