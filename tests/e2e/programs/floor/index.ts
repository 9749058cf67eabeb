// `count` dynamic resources (config, default 10) with a provider that does no I/O: create returns
// at once and delete does nothing. `npm run bench` compares HostnameCertificate runs against this.
import * as pulumi from "@pulumi/pulumi";

const noopProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        return { id: `noop-${inputs.index}`, outs: { index: inputs.index } };
    },
    async delete() {
        // nothing to delete
    },
};

class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, index: number) {
        super(noopProvider, name, { index }, undefined, "bench", "Noop");
    }
}

const count = new pulumi.Config().getNumber("count") ?? 10;
for (let i = 0; i < count; i++) new Noop(`noop-${i}`, i);
