// The CLI's config file (kompetent.json, written by provision): ids of the spreadsheet, folders and templates.
import * as fs from 'node:fs';
import { z } from 'zod';
import { str, type Parsed } from './args';
import { msg, usageError } from './errors';
import { connect, type Google } from './google';
import { resolvePath, type Io } from './io';

export const DEFAULT_CONFIG = 'kompetent.json';

const configSchema = z.object({
  spreadsheetId: z.string().optional(),
  rootFolderId: z.string().optional(),
  parentFolderId: z.string().optional(),
  folders: z.record(z.string(), z.string()).optional(),
  templates: z.record(z.string(), z.string()).optional(),
  serviceAccount: z.string().optional(),
  admins: z.array(z.string()).optional(),
  /** How many person shards provision keeps (src/store/shards.ts); `--person-shards N` sets it. */
  personShards: z.number().int().min(0).optional(),
  /** The person shards' spreadsheet ids, in shard order (Script Property RECORDS_SHARD_IDS holds the same). */
  shardIds: z.array(z.string()).optional(),
});
export type Config = z.infer<typeof configSchema>;

export function configPath(io: Io, p: Parsed): string {
  return resolvePath(io, str(p, 'config') ?? DEFAULT_CONFIG);
}

export function loadConfig(file: string): Config {
  if (!fs.existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw usageError(msg('cli.config.notJson', { file }), msg('cli.config.notJsonHint'));
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw usageError(msg('cli.config.notConfig', { file, detail: parsed.error.issues[0]?.message ?? '' }));
  return parsed.data;
}

export function saveConfig(file: string, config: Config): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** The spreadsheet to work on: --spreadsheet, KOMPETENT_SPREADSHEET, or the config file. */
export function spreadsheetIdOf(p: Parsed, config: Config): string {
  const id = str(p, 'spreadsheet') ?? config.spreadsheetId;
  if (!id) throw usageError(msg('cli.config.noSpreadsheet'), msg('cli.config.noSpreadsheetHint'));
  return id;
}

/** Google clients from the command's options and the environment (KOMPETENT_GOOGLE_ROOT_URL, KOMPETENT_ACCESS_TOKEN for tests). */
export function googleFor(io: Io, p: Parsed): Google {
  const key = str(p, 'key');
  return connect({
    key: key ? resolvePath(io, key) : undefined,
    accessToken: io.env.KOMPETENT_ACCESS_TOKEN || undefined,
    rootUrl: io.env.KOMPETENT_GOOGLE_ROOT_URL || undefined,
  });
}
