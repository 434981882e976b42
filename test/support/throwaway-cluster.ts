import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL 15 cluster of a test's own, which the test may stop and start
 * (never the shared server on 5432). initdb refuses root, so as root the
 * cluster runs as an unprivileged OS user created for it and removed after.
 */
export interface ThrowawayCluster {
  port: number;
  url: string;
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  remove(): void;
}

const BIN = '/usr/lib/postgresql/15/bin';
const OS_USER = 'tenderfault';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const asRoot = process.getuid?.() === 0;
  let createdUser = false;
  if (asRoot && spawnSync('id', ['-u', OS_USER]).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]);
    createdUser = true;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tender-fault-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', OS_USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', OS_USER]).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (bin: string, args: string[]) => {
    const cmd = asRoot ? ['runuser', ['-u', OS_USER, '--', path.join(BIN, bin), ...args]] : [path.join(BIN, bin), args];
    execFileSync(cmd[0] as string, cmd[1] as string[], { stdio: 'pipe', cwd: dir });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', '-t', '30', 'start']);
  const stop = (mode: 'immediate' | 'fast' = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
  start();
  let running = true;
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode) => {
      stop(mode);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    remove: () => {
      if (running) {
        try {
          stop('immediate');
        } catch {
          /* already down */
        }
      }
      rmSync(dir, { recursive: true, force: true });
      if (createdUser) spawnSync('userdel', [OS_USER]);
    },
  };
}
