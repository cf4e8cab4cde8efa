#!/usr/bin/env node
// bt command-line entry: loads the compiled CLI (built from src/ by `npm ci` / `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);
