/**
 * Pulumi's partial failure: the object exists but is not healthy. The dynamic-provider host turns an
 * error with `{id, properties, reasons}` into `ErrorResourceInitFailed`, so the engine keeps the
 * resource in state with these properties (which must include `__provider`, or a later delete cannot
 * load the provider) and updates it on the next `up` even without changes.
 */
export class ResourceInitError extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[] = [message],
    ) {
        super(message);
        this.name = "ResourceInitError";
    }
}
