/** Types of buildConsole.mjs (a plain script, run by `npm run build` before anything is compiled). */
export declare const root: string;
export declare const outDir: string;
export declare const initialBudgetBytes: number;
export declare const consoleIsStale: () => boolean;
export declare const initialJavaScript: () => { files: string[]; bytes: number };
export declare const buildConsole: (options?: { force?: boolean; quiet?: boolean }) => { built: boolean; files: string[]; bytes: number };
