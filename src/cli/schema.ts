/** `zhstat schema`: prints or writes the JSON Schema of a record, generated from the zod schema. */
import type { Command } from 'commander';
import { recordJsonSchema } from '../record/schema';
import { writeFileAtomic } from '../output/atomic';

export function recordJsonSchemaText(): string {
  return JSON.stringify(recordJsonSchema(), null, 2) + '\n';
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a record (generated from the zod schema)')
    .option('--write <file>', 'write it to a file instead (e.g. schema/record.schema.json)')
    .action(async (opts: { write?: string }) => {
      if (opts.write) await writeFileAtomic(opts.write, recordJsonSchemaText());
      else process.stdout.write(recordJsonSchemaText());
    });
}
