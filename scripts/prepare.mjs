// Runs on `npm install`: builds the server (dist/server) and the web app (dist/web) so that
// `npm start` and `npx consortia` work straight after installing. Skipped, with a note, when the
// build tools are absent (a production install with --omit=dev of an already-built package).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('node_modules/typescript') || !fs.existsSync('node_modules/vite')) {
  console.log('consortia: build tools not installed; skipping the build (run `npm run build` to build).');
  process.exit(0);
}
const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
