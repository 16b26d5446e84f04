/** The zhstat command line. Every command registers itself; only this layer touches the filesystem. */
import { Command, CommanderError } from 'commander';
import { registerExtract } from './extract';
import { registerEval } from './eval';
import { registerSchema } from './schema';
import { registerReview } from './review';
import { registerExport } from './export';
import { UsageError } from './usage';

const VERSION: string = (require('../../package.json') as { version: string }).version;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('zhstat')
    .description('Turns Chinese newspaper dumps into validated statistical records (see README.md).')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerExtract(program);
  registerEval(program);
  registerSchema(program);
  registerReview(program);
  registerExport(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI; resolves to the exit code (0 ok, 2 usage error, 1 unexpected failure). */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // A command that finished but has something to report (eval skipped bad lines) sets exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`zhstat: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`zhstat: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
