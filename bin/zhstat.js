#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare) and `npm test` (pretest).
require('../dist/cli/main.js').main(process.argv).then((code) => { process.exitCode = code; });
