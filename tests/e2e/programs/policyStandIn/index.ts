// Declares `count` HostnameCertificate resources in one zone, from stack config: `certificate`
// (PEM), `privateKey` (secret PEM), `zoneId`, `count` (default 1). A preview with the policy pack
// sees exactly what it would see for the SDK class: the type token
// pulumi-nodejs:dynamic/cloudflare:HostnameCertificate and the same inputs. The certificate may be
// one that is not valid yet (the pack's tests pin their own time), which the real provider's check
// would refuse.
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const certificate = config.require("certificate");
const privateKey = config.requireSecret("privateKey");
const count = config.getNumber("count") ?? 1;

// Stands in for the SDK's HostnameCertificate (sdk/hostnameCertificate.ts) in previews: same module,
// type and inputs, and no check. Deployed certificates are judged on the real class against the
// emulator (tests/e2e/policy/pack.test.ts), so this one refuses to be created.
const standInProvider: pulumi.dynamic.ResourceProvider = {
    async create() {
        throw new Error("this stand-in is for previews only: deploy the real HostnameCertificate");
    },
};

// dynamic.Resource is abstract in the SDK's types; a resource class names itself, as users' do.
class HostnameCertificateStandIn extends pulumi.dynamic.Resource {}

for (let index = 1; index <= count; index++) {
    new HostnameCertificateStandIn(
        standInProvider,
        count === 1 ? "origin" : `origin-${index}`,
        { zoneId, certificate, privateKey, certificateId: undefined, expiresOn: undefined },
        { additionalSecretOutputs: ["privateKey"] },
        "cloudflare",
        "HostnameCertificate",
    );
}
