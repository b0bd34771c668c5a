// server.mjs: a real klachtdesk for the browser tests: a fresh SQLite database with the
// demo organisations, on a free port of 127.0.0.1, stopped after.
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startServer() {
  const binary = process.env.KLACHTDESK_BIN ?? join(root, 'build', 'release', 'klachtdesk');
  const dir = mkdtempSync(join(tmpdir(), 'klachtdesk-browser-'));
  const env = {
    ...process.env,
    KLACHTDESK_DATABASE: `sqlite:${join(dir, 'k.db')}`,
    KLACHTDESK_PROCEDURES: join(root, 'procedures'),
    KLACHTDESK_WEB: join(root, 'web', 'dist'),
  };
  execFileSync(binary, ['seed-demo'], { env, stdio: 'ignore' });
  const port = await freePort();
  const child = spawn(binary, ['serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    // For running the same binary on the same database (mailgate, as a mail server would).
    binary,
    env,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// One server and one browser for a test file: started before its tests, stopped after.
// `launch` comes from browser.mjs (passed in, so that this file needs no browser).
export function serverAndBrowser(launch) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
