import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { sweepConfigJsonSchema } from '../config/json-schema.js';
import { writeLine, type CliIo } from '../cli-io.js';

/** `hyperopt schema`: prints (or writes) the JSON Schema of sweep configs. */
export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the JSON Schema of sweep config files (for editor completion)')
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .action(async (options: { output?: string }) => {
      const text = `${JSON.stringify(sweepConfigJsonSchema(), null, 2)}\n`;
      if (options.output === undefined) {
        io.stdout.write(text);
        return;
      }
      const path = resolve(io.cwd, options.output);
      await writeFile(path, text);
      writeLine(io.stdout, `wrote ${path}`);
    });
}
