#!/usr/bin/env node
// bt command-line entry: loads the bundled CLI (built from src/ by `npm ci` / `npm run build`).
import { main } from '../dist/cli.js';

// A closed pipe (`bt … | head`) ends the output quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
