// The hand-written argument parser: forms of options, lists, environment defaults, and its errors.
import { helpText, parseArgs, type CommandSpec } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';

const spec: CommandSpec = {
  name: 'demo', summary: 'cli.summary.import', args: [{ name: 'file', description: 'cli.arg.file' }],
  options: [
    { name: 'dry-run', type: 'boolean', description: 'cli.opt.dryRun' },
    { name: 'key', type: 'string', value: '<file>', env: 'GOOGLE_APPLICATION_CREDENTIALS', description: 'cli.opt.key' },
    { name: 'admins', type: 'list', value: '<emails>', description: 'cli.opt.admins' },
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
  expect(helpText(spec, 'en')).toContain('  --key <file>             service account JSON key (default: application-default credentials) [env GOOGLE_APPLICATION_CREDENTIALS]');
  expect(helpText(spec, 'en').split('\n')[0]).toBe('Usage: kompetent demo <file> [options]');
});

it('--help speaks the admin\'s language: Norwegian by default, Swedish, English (issue 15)', () => {
  const nb = helpText(spec, 'nb');
  expect(nb.split('\n')[0]).toBe('Bruk: kompetent demo <file> [valg]');
  expect(nb).toContain('Valg:');
  expect(nb).toContain('  --key <file>             JSON-nøkkelen til tjenestekontoen (standard: application-default credentials) [miljøvariabel GOOGLE_APPLICATION_CREDENTIALS]');
  expect(nb).toContain('  --help                   denne hjelpen');
  expect(nb).toContain('Hent gamle registre');
  expect(nb).not.toMatch(/Usage|Options|this help/);
  const sv = helpText(spec, 'sv');
  expect(sv.split('\n')[0]).toBe('Användning: kompetent demo <file> [alternativ]');
  expect(sv).toContain('den här hjälpen');
});
