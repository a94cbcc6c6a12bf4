/** Version of the engine; part of the cache key of results computed with it. */
export const SYMREG_VERSION = '0.1.0';
