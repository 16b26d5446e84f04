/** Parsing the decision log text: pure, so that a damaged line is reported, never fatal. */
import { DecisionSchema, type Decision } from './schema';

export interface MalformedLine {
  line: number;
  message: string;
}

export interface DecisionLog {
  decisions: Decision[];
  malformed: MalformedLine[];
}

export function parseDecisionLog(text: string): DecisionLog {
  const decisions: Decision[] = [];
  const malformed: MalformedLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      malformed.push({ line: index + 1, message: `not JSON: ${(err as Error).message}` });
      return;
    }
    const parsed = DecisionSchema.safeParse(json);
    if (parsed.success) decisions.push(parsed.data);
    else malformed.push({ line: index + 1, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
  });
  return { decisions, malformed };
}

export function decisionLine(decision: Decision): string {
  return JSON.stringify(decision) + '\n';
}
