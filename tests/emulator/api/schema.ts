/**
 * JSON Schema validation of emulator responses against Cloudflare's official per-operation schemas
 * (`cloudflare-aop-operations.deref.json`, OpenAPI 3.0, extracted from cloudflare/api-schemas).
 *
 * The schemas are used as published, except for the drifts `cloudflare-api.md` documents, which are
 * adapted in exactly one place: {@link adaptForDocumentedDrift}.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/** The vendored reference schemas (`docs/reference/README.md` says where they come from); `CLOUDFLARE_AOP_SCHEMAS` overrides. */
export const SCHEMA_FILE =
    process.env.CLOUDFLARE_AOP_SCHEMAS ?? resolve(__dirname, "../../../docs/reference/cloudflare-aop-operations.deref.json");

type Schema = Record<string, unknown>;

interface OperationSchemas {
    responses: Record<"200" | "4XX", Schema>;
}

const operations = (JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { operations: Record<string, OperationSchemas> }).operations;

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
// OpenAPI annotation keywords: `example` carries sample values only; `nullable` is understood by Ajv.
ajv.addKeyword({ keyword: "example" });

const cache = new Map<string, ValidateFunction>();

/**
 * The only place the official schemas are changed. Each change is a drift documented in
 * `docs/reference/cloudflare-api.md`:
 *
 * 1. `4XX` is published as `allOf(<success schema>, <failure schema>)`. The halves contradict each
 *    other (`success: enum [true]` vs `enum [false]`; `result` object vs `null`), so no response can
 *    satisfy it. We validate against the failure half, `api-response-common-failure` (§2).
 * 2. That failure schema spells "at least one error" as `minLength: 1` on the `errors` array, which
 *    JSON Schema ignores for arrays. We apply it as `minItems: 1`, its documented meaning (§2).
 * 3. `id` and `cert_id` are typed `identifier` (maxLength 32), but per-hostname certificate ids are
 *    36-character UUIDs (`cert_id` maxLength 36 elsewhere in the spec). We allow 36 (§3).
 *
 * Everything else, including `nullable` `enabled`, the status enum, `date-time` formats and the
 * 2024 list-item shape, is validated as published.
 */
export function adaptForDocumentedDrift(schema: Schema, status: "200" | "4XX"): Schema {
    const copy = structuredClone(schema);
    const root = status === "4XX" ? failureHalf(copy) : copy;
    walk(root, (node, key) => {
        if (typeof node.minLength === "number" && isArraySchema(node)) {
            node.minItems = node.minLength;
            delete node.minLength;
        }
        if ((key === "id" || key === "cert_id") && node.maxLength === 32) node.maxLength = 36;
    });
    return root;
}

function failureHalf(schema: Schema): Schema {
    const half = (schema.allOf as Schema[]).find((part) => {
        const success = (part.properties as Record<string, Schema> | undefined)?.success;
        return JSON.stringify(success?.enum) === "[false]";
    });
    if (!half) throw new Error("4XX schema has no failure half");
    return half;
}

function isArraySchema(node: Schema): boolean {
    return node.type === "array" || (Array.isArray(node.allOf) && (node.allOf as Schema[]).some((s) => s.type === "array"));
}

function walk(node: unknown, visit: (node: Schema, key: string | undefined) => void, key?: string): void {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
    if (typeof node !== "object" || node === null) return;
    visit(node as Schema, key);
    for (const [childKey, child] of Object.entries(node)) walk(child, visit, childKey);
}

/** The validator of one operation's response (`status` "200" or "4XX"). */
export function validatorFor(schemaKey: string, status: "200" | "4XX"): ValidateFunction {
    const cacheKey = `${schemaKey} ${status}`;
    let validate = cache.get(cacheKey);
    if (!validate) {
        const operation = operations[schemaKey];
        if (!operation) throw new Error(`no schema for ${schemaKey}`);
        validate = ajv.compile(adaptForDocumentedDrift(operation.responses[status], status));
        cache.set(cacheKey, validate);
    }
    return validate;
}

/** Validates a response body; returns Ajv's error text, or "" when valid. */
export function schemaErrors(schemaKey: string, httpStatus: number, body: unknown): string {
    const validate = validatorFor(schemaKey, httpStatus === 200 ? "200" : "4XX");
    return validate(body) ? "" : ajv.errorsText(validate.errors, { separator: "\n" });
}

/** The published schema, unchanged (for tests that show why the adaptation is needed). */
export function publishedSchema(schemaKey: string, status: "200" | "4XX"): Schema {
    return operations[schemaKey].responses[status];
}

/** Compiles a schema with the same Ajv settings (no adaptation). */
export function compile(schema: Schema): ValidateFunction {
    return ajv.compile(schema);
}
