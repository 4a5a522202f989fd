// Where relative paths are taken from: the admin's folder, whether the CLI runs through `npm run cli` or directly.
import { processIo, startDir } from '../../src/cli/io';

describe('startDir', () => {
  it('takes INIT_CWD when our own `npm run cli` script runs the CLI (npm runs it in the package root)', () => {
    expect(startDir({ npm_lifecycle_event: 'cli', INIT_CWD: '/home/kari/import' }, '/opt/kompetent')).toBe('/home/kari/import');
  });

  it('ignores INIT_CWD left by some other npm script, and runs where it was started', () => {
    expect(startDir({ npm_lifecycle_event: 'migrate', INIT_CWD: '/home/kari' }, '/home/kari/files')).toBe('/home/kari/files');
    expect(startDir({ INIT_CWD: '/home/kari' }, '/home/kari/files')).toBe('/home/kari/files');
    expect(startDir({ npm_lifecycle_event: 'cli' }, '/home/kari/files')).toBe('/home/kari/files');
  });
});

describe('processIo', () => {
  const saved = { INIT_CWD: process.env.INIT_CWD, npm_lifecycle_event: process.env.npm_lifecycle_event };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('uses process.cwd() when bin/kompetent.js runs inside another npm script', () => {
    process.env.INIT_CWD = '/somewhere/else';
    process.env.npm_lifecycle_event = 'test';
    expect(processIo().cwd).toBe(process.cwd());
  });

  it('uses INIT_CWD under `npm run cli`', () => {
    process.env.INIT_CWD = '/somewhere/else';
    process.env.npm_lifecycle_event = 'cli';
    expect(processIo().cwd).toBe('/somewhere/else');
  });
});
