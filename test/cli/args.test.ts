// The hand-written argument parser: forms of options, lists, environment defaults, and its errors.
import { helpText, parseArgs, type CommandSpec } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';

const spec: CommandSpec = {
  name: 'demo', summary: 'A demo command.', args: [{ name: 'file', description: 'a file' }],
  options: [
    { name: 'dry-run', type: 'boolean', description: 'do nothing' },
    { name: 'key', type: 'string', value: '<file>', env: 'GOOGLE_APPLICATION_CREDENTIALS', description: 'key' },
    { name: 'admins', type: 'list', value: '<emails>', description: 'admins' },
  ],
};

it('reads flags, values in both forms, repeated lists and --', () => {
  const p = parseArgs(['a.csv', '--dry-run', '--key=k.json', '--admins', 'a@x.no, b@x.no', '--admins', 'group:c@x.no'], spec);
  expect(p).toEqual({ args: ['a.csv'], options: { 'dry-run': true, key: 'k.json', admins: ['a@x.no', 'b@x.no', 'group:c@x.no'] }, help: false });
  expect(parseArgs(['--', '--weird.csv'], spec).args).toEqual(['--weird.csv']);
  expect(parseArgs(['a.csv', '--no-dry-run'], spec).options['dry-run']).toBe(false);
});

it('takes a default from the environment, but the command line wins', () => {
  const env = { GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json' };
  expect(parseArgs(['a.csv'], spec, env).options.key).toBe('/keys/sa.json');
  expect(parseArgs(['a.csv', '--key', 'mine.json'], spec, env).options.key).toBe('mine.json');
});

it.each([
  [['a.csv', '--kye', 'x'], 'Unknown option --kye for "demo"'],
  [['a.csv', '-k'], 'Unknown option -k for "demo"'],
  [['a.csv', '--key'], '--key needs a value: --key <file>'],
  [['a.csv', '--key', '--dry-run'], '--key needs a value: --key <file>'],
  [['a.csv', '--dry-run=yes'], '--dry-run takes no value'],
  [[], '"demo" needs <file>'],
  [['a.csv', 'b.csv'], 'Unexpected argument "b.csv" for "demo"'],
])('%j → %s', (argv, message) => {
  expect(() => parseArgs(argv, spec)).toThrow(new CliError(2, message));
});

it('--help needs no arguments and lists every option with its environment variable', () => {
  expect(parseArgs(['--help'], spec).help).toBe(true);
  expect(helpText(spec)).toContain('  --key <file>             key [env GOOGLE_APPLICATION_CREDENTIALS]');
  expect(helpText(spec).split('\n')[0]).toBe('Usage: kompetent demo <file> [options]');
});
