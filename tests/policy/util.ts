/**
 * Helpers for the policy unit tests, in the awsguard style: build the argument bags the framework
 * would pass (props wrapped in @pulumi/policy's own unknown-checking proxy, as at runtime), run a
 * policy collecting its violations, and make the certificates a test needs relative to a fixed
 * clock. There is no engine here, so config defaults are NOT applied: an empty config tests the
 * defaults each policy applies in code.
 */
import type {
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { type CertificateOptions, type GeneratedCertificate, makeCertificate } from "../fixtures/certificates";

// The sentinel the engine sends for a value unknown during preview (not re-exported by the package).
export const UNKNOWN: string = require("@pulumi/policy/proxy").unknownStringValue;

export const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";
export const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
export const OTHER_ZONE_ID = "9a7806061c88ada191ed06f989cc3dac";

/** The fixed "now" of the unit tests, far from the real date so a policy using the real clock fails. */
export const NOW = new Date("2030-06-15T12:00:00Z");
export const fixedClock = (): Date => NOW;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `date` moved by `days` (fractions allowed). */
export function daysFrom(date: Date, days: number): Date {
    return new Date(date.getTime() + days * DAY_MS);
}

/** Options of {@link certificateAt}: the certificate's validity relative to {@link NOW}. */
export interface RelativeCertificateOptions extends Omit<CertificateOptions, "notBefore" | "notAfter" | "daysUntilExpiry"> {
    /** Days from NOW until notAfter. @default 365 */
    daysLeft?: number;
    /** Days from NOW to notBefore (negative: in the past). @default -30 */
    startsIn?: number;
}

/** A generated certificate whose validity is relative to {@link NOW}, not to the real clock. */
export function certificateAt(options: RelativeCertificateOptions = {}): Promise<GeneratedCertificate> {
    const { daysLeft = 365, startsIn = -30, ...rest } = options;
    return makeCertificate({ ...rest, notBefore: daysFrom(NOW, startsIn), notAfter: daysFrom(NOW, daysLeft) });
}

/**
 * The inputs of a healthy HostnameCertificate, as a resource policy sees them during preview.
 * Reading `privateKey` throws, so any test proves the policy never touches the secret.
 */
export function certificateProps(generated: Pick<GeneratedCertificate, "certificate">, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const props: Record<string, unknown> = {
        zoneId: ZONE_ID,
        certificate: generated.certificate,
        createTimeout: "10m",
        deleteTimeout: "10m",
        __provider: "exports.handler = function () { /* serialized provider */ };",
        ...overrides,
    };
    Object.defineProperty(props, "privateKey", {
        enumerable: true,
        get() {
            throw new Error("a policy read privateKey");
        },
    });
    return props;
}

/** The outputs of a deployed HostnameCertificate, as a stack policy sees them. */
export function deployedProps(expiresOn: Date | string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return certificateProps(
        { certificate: "-----BEGIN CERTIFICATE-----\n(not parsed by stack policies)\n-----END CERTIFICATE-----\n" },
        {
            certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60",
            status: "active",
            issuer: "Fixture",
            serialNumber: "6743787633689793699141714808227354901",
            signature: "SHA256WithRSA",
            expiresOn: typeof expiresOn === "string" ? expiresOn : expiresOn.toISOString(),
            uploadedOn: "2030-01-01T00:00:00Z",
            ...overrides,
        },
    );
}

class NotApplicableSignal extends Error {
    constructor(readonly reason: string | undefined) {
        super(`not applicable: ${reason}`);
    }
}

const emptyOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function notApplicable(reason?: string): never {
    throw new NotApplicableSignal(reason);
}

function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::project::${type}::${name}`;
}

/** The arguments of a resource validation, with props behind the unknown-checking proxy. */
export function createResourceValidationArgs(
    props: Record<string, unknown>,
    options: { type?: string; name?: string; config?: object } = {},
): ResourceValidationArgs {
    const type = options.type ?? CERTIFICATE_TYPE;
    const name = options.name ?? "origin";
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: unknownCheckingProxy(props),
        opts: emptyOptions,
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (options.config ?? {}) as T,
        notApplicable,
    };
}

/** One resource of a stack, with props behind the unknown-checking proxy; `deleteBeforeReplace` as the engine sends it. */
export function policyResource(props: Record<string, unknown>, options: { type?: string; name?: string; deleteBeforeReplace?: boolean } = {}): PolicyResource {
    const type = options.type ?? CERTIFICATE_TYPE;
    const name = options.name ?? "origin";
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: unknownCheckingProxy(props),
        opts: options.deleteBeforeReplace === undefined ? emptyOptions : { ...emptyOptions, deleteBeforeReplace: options.deleteBeforeReplace },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    };
}

/** The arguments of a stack validation. */
export function createStackValidationArgs(resources: PolicyResource[], config: object = {}): StackValidationArgs {
    return {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
}

/** One reported violation. */
export interface Violation {
    message: string;
    urn?: string;
}

/** What a policy run produced: its violations, or the reason it declared itself not applicable. */
export interface PolicyRun {
    violations: Violation[];
    notApplicable?: string;
}

async function run(body: (report: (message: string, urn?: string) => void) => unknown): Promise<PolicyRun> {
    const violations: Violation[] = [];
    try {
        await body((message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
    } catch (error) {
        if (error instanceof NotApplicableSignal) return { violations, notApplicable: error.reason ?? "" };
        throw error;
    }
    return { violations };
}

/** Runs every validation of a resource policy, as the framework does. */
export function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<PolicyRun> {
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    return run(async (report) => {
        for (const validate of validations) await validate?.(args, report);
    });
}

/** Runs a stack policy. */
export function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<PolicyRun> {
    return run((report) => policy.validateStack(args, report));
}

/** The messages of a run, for concise assertions. */
export function messages(result: PolicyRun): string[] {
    return result.violations.map((violation) => violation.message);
}

/** The defaults declared in a policy's config schema, as the engine would pass them. */
export function schemaDefaults(policy: { configSchema?: { properties: Record<string, unknown> } }): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema !== null && "default" in schema) defaults[key] = (schema as { default: unknown }).default;
    }
    return defaults;
}
