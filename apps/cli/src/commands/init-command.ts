import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { starterConfig } from '../config/starter-config.js';
import { CliError } from '../errors.js';
import { writeLine, type CliIo } from '../cli-io.js';

/** `hyperopt init [file]`: writes the commented starter config. */
export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a commented starter sweep config')
    .argument('[file]', 'where to write it', 'hyperopt.yaml')
    .option('-f, --force', 'overwrite an existing file', false)
    .action(async (file: string, options: { force: boolean }) => {
      const path = resolve(io.cwd, file);
      if (file === '-') {
        io.stdout.write(starterConfig);
        return;
      }
      if (!options.force) {
        const exists = await access(path).then(() => true, () => false);
        if (exists) throw new CliError('CLI_USAGE', `\`${file}\` already exists; pass --force to overwrite it`);
      }
      await writeFile(path, starterConfig);
      writeLine(io.stdout, `wrote ${path}\nedit it, then run: hyperopt run ${file}`);
    });
}
