import { z } from 'zod';

/** Version of the line protocol between the PySR backend and `python/driver.py`. */
export const PYSR_PROTOCOL_VERSION = 1;

const point = z.strictObject({ expression: z.string(), complexity: z.number(), loss: z.number().nullable() });

/** Every message the driver may print on its protocol stream. */
export const driverMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    protocolVersion: z.number(),
    python: z.string(),
    executable: z.string(),
    pysrVersion: z.string(),
    pid: z.number(),
  }),
  z.strictObject({ type: z.literal('fatal'), code: z.string(), missing: z.string(), message: z.string(), python: z.string() }),
  z.strictObject({ id: z.number(), type: z.literal('ok'), constructed: z.number() }),
  z.strictObject({
    id: z.number(),
    type: z.literal('fit-result'),
    best: point,
    paretoFront: z.array(point),
    trainPred: z.array(z.number().nullable()),
    testPred: z.array(z.number().nullable()),
    elapsedS: z.number(),
    constructed: z.number(),
  }),
  z.strictObject({ id: z.number(), type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type DriverMessage = z.infer<typeof driverMessageSchema>;
export type HelloMessage = Extract<DriverMessage, { type: 'hello' }>;
export type ReplyMessage = Extract<DriverMessage, { id: number }>;
