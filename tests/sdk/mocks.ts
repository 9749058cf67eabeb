/**
 * Pulumi's mocks for the SDK tests, recording what the SDK itself hands the engine: each
 * registration's type token, name, inputs (secrets still wrapped, as on the wire) and
 * `additionalSecretOutputs`. The engine's answer is a fixed table per test file, so a test of
 * declared outputs shows which names the SDK reads, not what the mock copied from the inputs.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
    type: string;
    name: string;
    /** The inputs as sent to the engine; a secret is `{[SECRET_KEY]: SECRET_SIG, value}`. */
    inputs: Record<string, unknown>;
    additionalSecretOutputs: string[];
    /** The `import` option as the engine received it ("" when none). */
    importId: string;
}

/** How Pulumi marks a secret value on the wire. */
export const SECRET_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Installs the mocks: every new resource gets `id` and `outputs` from the engine. Returns the
 * registrations, filled as the SDK registers resources (await a resource's `urn` to know its
 * registration is there).
 */
export function recordRegistrations(id: string, outputs: Record<string, unknown>, config: Record<string, string> = {}): Registration[] {
    const registrations: Registration[] = [];
    pulumi.runtime.setMocks({ newResource: () => ({ id, state: outputs }), call: () => ({}) }, "project", "stack", false);
    pulumi.runtime.setAllConfig(config, Object.keys(config));
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => void };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            inputs: req.getObject().toJavaScript(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            importId: req.getImportid(),
        });
        original(req, cb);
    };
    return registrations;
}

/** The value of an output (known under these mocks). */
function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** Waits until every resource is registered (its URN is the engine's answer), then returns their registrations by name. */
export async function registered(registrations: Registration[], resources: pulumi.CustomResource[]): Promise<Registration[]> {
    const names = await Promise.all(resources.map(async (resource) => (await promiseOf(resource.urn)).split("::").pop()!));
    return names.map((name) => {
        const found = registrations.filter((r) => r.name === name);
        if (found.length !== 1) throw new Error(`expected one registration of ${name}, found ${found.length}`);
        return found[0];
    });
}

/** Each of `outputs` reads, on `resource`, the engine's value of the same name. */
export async function expectOutputsRead(resource: pulumi.CustomResource, outputs: Record<string, unknown>): Promise<void> {
    for (const [name, value] of Object.entries(outputs)) {
        const output = (resource as unknown as Record<string, pulumi.Output<unknown> | undefined>)[name];
        expect([name, output && (await promiseOf(output))]).toEqual([name, value]);
    }
}
