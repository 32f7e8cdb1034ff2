#!/usr/bin/env node
// The `consortia` command. Runs the compiled server (dist/server, built by `npm install`/`npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'server', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('Consortia is not built yet: run `npm run build` in ' + root + '\n');
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(compiled).href);
await runCli(process.argv.slice(2));
