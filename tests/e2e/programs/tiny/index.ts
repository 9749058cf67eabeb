// One dynamic resource whose provider does no I/O: proves the CLI, language host, dynamic-provider
// shim and file backend work together, offline. It also exports the names of the environment
// variables the program sees, so a test can prove which ones the harness lets through.
import * as pulumi from "@pulumi/pulumi";

const echoProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        return { id: `echo-${inputs.message}`, outs: { message: inputs.message } };
    },
};

class Echo extends pulumi.dynamic.Resource {
    declare readonly message: pulumi.Output<string>;
    constructor(name: string, message: string) {
        super(echoProvider, name, { message }, undefined, "tiny", "Echo");
    }
}

const echo = new Echo("hello", new pulumi.Config().get("message") ?? "hello");
export const message = echo.message;
export const environment = Object.keys(process.env).sort();
