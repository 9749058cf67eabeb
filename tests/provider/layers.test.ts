/**
 * The import rule of `provider/README.md`, checked on the source: every relative import (type-only
 * ones too) of `provider/`, `sdk/` and `policy/` runs down the layers, and no module reaches itself
 * through its imports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

/** Bottom first: a module may import its own layer and the ones before it. */
const PROVIDER_LAYERS = ["provider/core", "provider/contract.ts", "provider/client", "provider/runtime", "provider/certificates", "provider/associations", "provider/index.ts", "provider/plugin"];
/** What the other parts of the package may import from the provider. */
const OUTSIDE_RULES: Record<string, readonly string[]> = {
    sdk: ["sdk", "provider/contract.ts", "provider/index.ts"],
    policy: ["policy", "provider/contract.ts", "provider/core"],
};

function sources(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return sources(relative);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative] : [];
    });
}

/** The package files `file` imports (relative specifiers only), as repository paths. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    return ts
        .preProcessFile(text, true, false)
        .importedFiles.map((imported) => imported.fileName)
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => {
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
            return fs.existsSync(path.join(ROOT, `${target}.ts`)) ? `${target}.ts` : `${target}/index.ts`;
        });
}

/** The layer (or part) a file belongs to: the longest rule entry it falls under. */
function unitOf(file: string, units: readonly string[]): string | undefined {
    return units.filter((unit) => file === unit || file.startsWith(`${unit}/`)).sort((a, b) => b.length - a.length)[0];
}

/** Imports against the rule, as "from → to". */
export function violations(graph: ReadonlyMap<string, readonly string[]>): string[] {
    const found: string[] = [];
    for (const [file, targets] of graph) {
        for (const target of targets) {
            if (file.startsWith("provider/")) {
                const from = PROVIDER_LAYERS.indexOf(unitOf(file, PROVIDER_LAYERS) ?? "");
                const to = PROVIDER_LAYERS.indexOf(unitOf(target, PROVIDER_LAYERS) ?? "");
                if (from < 0 || to < 0 || to > from) found.push(`${file} → ${target}`);
                continue;
            }
            const allowed = OUTSIDE_RULES[file.split("/")[0]];
            if (allowed && !unitOf(target, allowed)) found.push(`${file} → ${target}`);
        }
    }
    return found;
}

/** Every import circle, each as the path from a module back to itself (Tarjan's strongly connected components). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const found: string[][] = [];
    const visit = (node: string) => {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            if (!graph.has(next)) continue;
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node)!, low.get(next)!));
            } else if (stack.includes(next)) {
                low.set(node, Math.min(low.get(node)!, index.get(next)!));
            }
        }
        if (low.get(node) !== index.get(node)) return;
        const component: string[] = [];
        let member: string;
        do {
            member = stack.pop()!;
            component.push(member);
        } while (member !== node);
        if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    return found;
}

const graph = new Map([...sources("provider"), ...sources("sdk"), ...sources("policy")].map((file) => [file, importsOf(file)] as const));

describe("the import rule", () => {
    test("reads the real graph: every layer is there and imports something below it", () => {
        for (const layer of PROVIDER_LAYERS) expect([...graph.keys()].some((file) => unitOf(file, [layer]))).toBe(true);
        expect(graph.get("provider/client/http.ts")).toContain("provider/client/errors.ts");
        expect(graph.get("sdk/hostnameCertificate.ts")).toContain("provider/contract.ts");
    });

    test("every import runs down the layers", () => {
        expect(violations(graph)).toEqual([]);
    });

    test("no module reaches itself through its imports", () => {
        expect(circles(graph)).toEqual([]);
    });

    test("the checks catch an upward import and a circle", () => {
        const bad = new Map<string, string[]>([
            ["provider/client/http.ts", ["provider/runtime/context.ts"]],
            ["provider/runtime/context.ts", ["provider/client/http.ts"]],
            ["sdk/index.ts", ["provider/core/pem.ts"]],
        ]);
        expect(violations(bad)).toEqual(["provider/client/http.ts → provider/runtime/context.ts", "sdk/index.ts → provider/core/pem.ts"]);
        expect(circles(bad)).toEqual([["provider/client/http.ts", "provider/runtime/context.ts"]]);
    });
});
