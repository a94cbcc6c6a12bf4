/** Version of the on-disk protocol; processes of different versions refuse each other's files. */
export const PROTOCOL_VERSION = 1;

/** The `format` tag of every executor file's header line. */
export const FILE_FORMAT = 'hyperopt-executor';
