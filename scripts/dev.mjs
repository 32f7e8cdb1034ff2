// `npm run dev`: the API with reload (tsx watch) on :3000 and the Vite dev server on :5173, which
// proxies /api to it. Stops both on Ctrl-C.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const apiPort = portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? '3000');
const children = [
  spawn('npx', ['tsx', 'watch', 'src/cli/main.ts', 'serve', ...args], { stdio: 'inherit' }),
  spawn('npx', ['vite', '--config', 'web/vite.config.ts'], {
    stdio: 'inherit',
    env: { ...process.env, CONSORTIA_API_URL: `http://127.0.0.1:${apiPort}` },
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    if (code) {
      stop();
      process.exitCode = code;
    }
  });
