/**
 * Processes as /proc shows them: the plugin processes a `pulumi` run started (language host,
 * program, dynamic provider), whether they still run, and stopping those a test started, by id.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
    readonly pid: number;
    readonly command: string;
}

/** The command line of a process, or undefined once it is gone (a zombie counts as gone). */
export function commandLine(pid: number): string | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) return undefined;
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
        return undefined;
    }
}

/** Every descendant of `root`, from /proc. */
export function descendants(root: number): ProcessInfo[] {
    const children = new Map<number, number[]>();
    for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
        try {
            const stat = readFileSync(`/proc/${name}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
        } catch {
            // exited while we looked
        }
    }
    const found: ProcessInfo[] = [];
    const walk = (pid: number) => {
        for (const child of children.get(pid) ?? []) {
            found.push({ pid: child, command: commandLine(child) ?? "" });
            walk(child);
        }
    };
    walk(root);
    return found;
}

/** Those of `processes` that still run the same command (a reused pid runs another). */
export function stillRunning(processes: readonly ProcessInfo[]): ProcessInfo[] {
    return processes.filter(({ pid, command }) => commandLine(pid) === command);
}

/** Ends processes this test started (by id, and only while they still run the same command). */
export function stopAll(processes: readonly ProcessInfo[]): void {
    for (const { pid } of stillRunning(processes)) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
}

/** Resolves once `condition` holds; rejects naming `what` when it still does not after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
