/** The zhstat command line. Every command registers itself; only this layer touches the filesystem. */
import { Command, CommanderError } from 'commander';
import { RunError, UsageError } from './usage';

const VERSION: string = (require('../../package.json') as { version: string }).version;

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when the command runs (or for the top-level help): loading
 * all of them (zod, yaml, fast-glob, the review server's) takes about 0.3 s, which a run's worker
 * threads would otherwise wait for before they could start.
 */
const COMMANDS: Record<string, () => Register> = {
  extract: () => (require('./extract') as typeof import('./extract')).registerExtract,
  eval: () => (require('./eval') as typeof import('./eval')).registerEval,
  schema: () => (require('./schema') as typeof import('./schema')).registerSchema,
  review: () => (require('./review') as typeof import('./review')).registerReview,
  export: () => (require('./export') as typeof import('./export')).registerExport,
  'review-report': () => (require('./review-report') as typeof import('./review-report')).registerReviewReport,
};

/** The CLI; with `only` (a command's name), with that command alone. */
export function buildProgram(only?: string): Command {
  const program = new Command();
  program
    .name('zhstat')
    .description('Turns Chinese newspaper dumps into validated statistical records (see README.md).')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const [name, register] of Object.entries(COMMANDS)) if (only === undefined || only === name) register()(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI; resolves to the exit code (0 ok, 2 usage error, 1 unexpected failure). */
export async function main(argv: string[]): Promise<number> {
  try {
    // argv: node, script, then the command (unless it is an option or unknown: all are registered,
    // for the top-level help and for commander's suggestions).
    const command = argv[2];
    await buildProgram(command !== undefined && Object.hasOwn(COMMANDS, command) ? command : undefined).parseAsync(argv);
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
    if (err instanceof RunError) {
      process.stderr.write(`zhstat: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`zhstat: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
