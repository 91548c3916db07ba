// Set by the build: the chunks' content hash, so their URLs can be cached for a year.
declare const __KAIROS_V__: string | undefined;
/** The version the core loads its chunks with: `kairos-<name>.js?v=<V>`. */
export const V = typeof __KAIROS_V__ == 'string' ? __KAIROS_V__ : 'dev';
