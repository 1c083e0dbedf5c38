// Freezes the expected outputs of scoreSameBytes.test.ts from the current build (run once, on the build
// before a change to the score path): npx tsx test/cli/scoreSameBytes.freeze.ts [path of that build's leadscore.mjs]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAME_BYTES_CASES } from './scoreSameBytes.cases';
import { scoreMessy } from './scoreSameBytes.run';

const expected: Record<string, { sha256: string; bytes: number; stderr: string }> = {};
for (const testCase of SAME_BYTES_CASES) expected[testCase.name] = scoreMessy(testCase, {}, process.argv[2]);
writeFileSync(
  join(import.meta.dirname, 'scoreSameBytes.expected.json'),
  `${JSON.stringify(expected, null, 2)}\n`,
);
