/**
 * The API report: what each entry point of the package exports, with signatures, as
 * `docs/api/<entry>.api.md` (API Extractor). A change to the public surface changes a report, so it
 * shows up in review; `tests/api/report.dist.test.ts` fails while a report is out of date.
 *
 *   npm run api            # rebuild, then rewrite the reports after an intended change
 *   node scripts/api-report.mjs --check   # compare only (what the test does)
 *
 * Reads the declarations in dist/, so run it after a build.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Entry points as package.json `exports` names them, and their declarations. */
export const ENTRY_POINTS = {
    index: "dist/sdk/index.d.ts",
    provider: "dist/provider/index.d.ts",
    emulator: "dist/emulator/index.d.ts",
    policy: "dist/policy/index.d.ts",
};

function config(entry, declarations) {
    return ExtractorConfig.prepare({
        configObjectFullPath: path.join(ROOT, "api-extractor.json"), // virtual: paths resolve from the root
        packageJsonFullPath: path.join(ROOT, "package.json"),
        configObject: {
            projectFolder: ROOT,
            mainEntryPointFilePath: path.join(ROOT, declarations),
            compiler: { tsconfigFilePath: path.join(ROOT, "tsconfig.json") },
            apiReport: {
                enabled: true,
                reportFileName: `${entry}.api.md`,
                reportFolder: path.join(ROOT, "docs/api"),
                reportTempFolder: path.join(ROOT, ".toolchain/api"),
            },
            docModel: { enabled: false },
            dtsRollup: { enabled: false },
            tsdocMetadata: { enabled: false },
            messages: {
                // The package has no release stages (alpha/beta/public), so release tags mean nothing here.
                extractorMessageReporting: { "ae-missing-release-tag": { logLevel: "none" } },
                tsdocMessageReporting: { default: { logLevel: "none" } },
            },
        },
    });
}

/**
 * Compares (or, with `update`, rewrites) every report. Returns the entry points whose report
 * differs from the declarations in dist/.
 */
export function runApiReports({ update = false, quiet = true } = {}) {
    const changed = [];
    for (const [entry, declarations] of Object.entries(ENTRY_POINTS)) {
        const result = Extractor.invoke(config(entry, declarations), {
            localBuild: update,
            showVerboseMessages: false,
            messageCallback: quiet ? (message) => (message.handled = true) : undefined,
        });
        if (result.apiReportChanged) changed.push(entry);
        if (!result.succeeded && !result.apiReportChanged) throw new Error(`API Extractor failed for ${entry} (${result.errorCount} errors)`);
    }
    return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const update = !process.argv.includes("--check");
    const changed = runApiReports({ update, quiet: false });
    if (changed.length === 0) console.log("API reports are up to date (docs/api/).");
    else if (update) console.log(`API reports rewritten: ${changed.map((e) => `docs/api/${e}.api.md`).join(", ")}. Review and commit them.`);
    else {
        console.error(`The public API changed: ${changed.join(", ")}. Run \`npm run api\` and commit docs/api/.`);
        process.exit(1);
    }
}
