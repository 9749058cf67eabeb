/**
 * The stacks one test file opens against its emulator: `stack(name)` starts one, `disposeAll()` (in
 * the file's afterAll) removes every workspace it started.
 */
export function stackPool<T extends { dispose(): void }>(start: (name: string) => Promise<T>) {
    const open: T[] = [];
    return {
        async stack(name: string): Promise<T> {
            const started = await start(name);
            open.push(started);
            return started;
        },
        disposeAll(): void {
            for (const started of open.splice(0)) started.dispose();
        },
    };
}
