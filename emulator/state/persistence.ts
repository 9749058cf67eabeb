/**
 * Optional persistence to a JSON file, so a stopped and restarted emulator keeps its certificates,
 * associations and their timelines. Request log, faults and planned failures are not persisted.
 * The file never contains a private key (the emulator does not keep any) and is written with mode 0600.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoreSnapshot } from "./store";

/** Reads a state file; `undefined` when it does not exist yet. */
export function loadState(file: string): StoreSnapshot | undefined {
    if (!existsSync(file)) return undefined;
    const parsed = JSON.parse(readFileSync(file, "utf8")) as StoreSnapshot;
    if (parsed?.version !== 1 || !Array.isArray(parsed.certificates) || !Array.isArray(parsed.associations)) {
        throw new Error(`${file} is not an emulator state file (version 1)`);
    }
    return parsed;
}

/** Writes atomically: a temporary file renamed over the target, so a crash never leaves half a file. */
export function saveState(file: string, snapshot: StoreSnapshot): void {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
}
