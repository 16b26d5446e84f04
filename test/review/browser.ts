/** Headless Debian Chromium through playwright-core, and the zhstat CLI as a child process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const BIN = path.resolve(__dirname, '../../bin/zhstat.js');

/**
 * `describe` when Chromium is installed. Without it the suite is skipped locally with a message, but
 * fails on CI (CI=true), where .ci/run installs it: a browser test that silently never runs is no test.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      test('Chromium is installed', () => {
        throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED browser tests "${name}": ${CHROMIUM} not found (apt-get install chromium to run them)`);
    describe.skip(name, body);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Opens the review page and waits until it is ready; `dialogs` collects any alert() that fires. */
export async function openReviewPage(browser: Browser, url: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="yes"]');
  return { page, dialogs };
}

export function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `zhstat review` and resolves with its URL once it prints it. */
export function startReviewCli(args: string[], cwd: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'review', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`zhstat review printed no URL in 30 s; stderr: ${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/\S+/.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          child,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`zhstat review exited (${code}) before printing its URL; stderr: ${stderr}`));
    });
  });
}
