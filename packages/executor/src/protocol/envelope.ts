import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FILE_FORMAT, PROTOCOL_VERSION } from './version.js';

/**
 * Every executor file is two lines: a JSON header that names the format, the protocol
 * version, the kind of file, and the byte length and SHA-256 of the body; then the
 * body (JSON). A reader that gets a truncated or torn copy sees a length or checksum
 * mismatch and retries instead of trusting half a file.
 */
const headerSchema = z.object({
  format: z.literal(FILE_FORMAT),
  protocolVersion: z.number().int(),
  kind: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Why a file could not be used. */
export type DecodeFailure =
  | { readonly status: 'incomplete'; readonly reason: string }
  | { readonly status: 'malformed'; readonly reason: string }
  | { readonly status: 'version'; readonly reason: string; readonly protocolVersion: number };

/** A decoded envelope: the kind and the body parsed as JSON (not yet validated). */
export type Decoded = { readonly status: 'ok'; readonly kind: string; readonly body: unknown } | DecodeFailure;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Serialises `body` as a file of the given kind. */
export function encodeFile(kind: string, body: unknown): string {
  const json = JSON.stringify(body);
  const header = { format: FILE_FORMAT, protocolVersion: PROTOCOL_VERSION, kind, bytes: Buffer.byteLength(json, 'utf8'), sha256: sha256(json) };
  return `${JSON.stringify(header)}\n${json}\n`;
}

/** Parses a file's text into its kind and body, detecting truncation, corruption and foreign formats. */
export function decodeFile(text: string): Decoded {
  const newline = text.indexOf('\n');
  if (newline < 0) return { status: 'incomplete', reason: 'no header line' };
  let headerJson: unknown;
  try {
    headerJson = JSON.parse(text.slice(0, newline));
  } catch {
    return { status: 'malformed', reason: 'header line is not JSON' };
  }
  const version = z.object({ format: z.literal(FILE_FORMAT), protocolVersion: z.number() }).safeParse(headerJson);
  if (!version.success) return { status: 'malformed', reason: `header is not a ${FILE_FORMAT} header` };
  if (version.data.protocolVersion !== PROTOCOL_VERSION) {
    return {
      status: 'version',
      protocolVersion: version.data.protocolVersion,
      reason: `expected protocolVersion ${PROTOCOL_VERSION}, got ${JSON.stringify(version.data.protocolVersion)}`,
    };
  }
  const header = headerSchema.safeParse(headerJson);
  if (!header.success) return { status: 'malformed', reason: `invalid header: ${header.error.issues[0]?.message ?? 'unknown'}` };
  const rest = text.slice(newline + 1);
  const body = rest.endsWith('\n') ? rest.slice(0, -1) : rest;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes < header.data.bytes || !rest.endsWith('\n')) {
    return { status: 'incomplete', reason: `body has ${bytes} bytes, header says ${header.data.bytes}` };
  }
  if (bytes > header.data.bytes) return { status: 'malformed', reason: `body has ${bytes} bytes, header says ${header.data.bytes}` };
  if (sha256(body) !== header.data.sha256) return { status: 'incomplete', reason: 'body checksum does not match the header' };
  try {
    return { status: 'ok', kind: header.data.kind, body: JSON.parse(body) };
  } catch {
    return { status: 'malformed', reason: 'body is not JSON' };
  }
}
