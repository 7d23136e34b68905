#!/usr/bin/env node
// Entry point installed as `tender`; the CLI itself is compiled TypeScript in dist/.
import { main } from '../dist/main.js';

main(process.argv).catch((error) => {
  process.stderr.write(`tender: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
