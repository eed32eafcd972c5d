import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { SUPPORTED_DPI } from '../../shared/labels/types.ts';
import { DEFAULT_TEMPLATE_ID } from '../../shared/labels/templates.ts';

/** Settings stored in `settings.json`. The client secret is never here: it lives in the OS keychain. */
export const settingsSchema = z.object({
  version: z.literal(1),
  dealpos: z
    .object({
      url: z.string().min(1),
      clientId: z.string().min(1),
    })
    .nullable(),
  locale: z.enum(['id', 'en']).nullable(),
  defaultTemplateId: z.string().min(1),
  defaultDpi: z.union(
    SUPPORTED_DPI.map((dpi) => z.literal(dpi)) as [z.ZodLiteral<203>, z.ZodLiteral<300>, z.ZodLiteral<600>],
  ),
  // Files written before the two fields below existed load with their defaults, so the version stays 1.
  /** Outlets of recently fetched documents, most recent first, offered by the desk's outlet field. */
  recentOutlets: z.array(z.string().min(1)).default([]),
  /** Whether the desktop app talks to its bundled DealPOS simulator instead of the stored account. */
  demo: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  dealpos: null,
  locale: null,
  defaultTemplateId: DEFAULT_TEMPLATE_ID,
  defaultDpi: 203,
  recentOutlets: [],
  demo: false,
};

/** Keeps each top-level field that passes its own schema and resets the others to their defaults. */
function salvageSettings(json: Record<string, unknown>): Settings {
  const salvaged: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS);
  for (const [key, fieldSchema] of Object.entries(settingsSchema.shape)) {
    const field = fieldSchema.safeParse(json[key]);
    if (field.success && json[key] !== undefined) {
      salvaged[key] = field.data;
    }
  }
  return settingsSchema.parse(salvaged);
}

export interface LoadedSettings {
  settings: Settings;
  /** Path an unreadable settings file was moved to during this load, or null. */
  movedAsidePath: string | null;
}

/** Reads and writes the settings file in the app's data folder. */
export class SettingsStore {
  readonly path: string;

  constructor(folder: string) {
    this.path = join(folder, 'settings.json');
  }

  /**
   * Loads the settings. A missing file gives the defaults. A file that is not valid JSON is moved aside
   * (so nothing is lost) and the defaults are used. A file with some invalid fields is copied aside and
   * rewritten with its valid fields kept and the others reset, so one bad value never loses the account.
   * The result names where the old file went. A file that cannot be read at all (a folder in its place,
   * no permission) raises `settings_unreadable`.
   */
  async load(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return { settings: structuredClone(DEFAULT_SETTINGS), movedAsidePath: null };
      }
      throw new AppError(
        'settings_unreadable',
        { path: this.path, reason: code ?? 'unknown error' },
        { cause: error },
      );
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const result = settingsSchema.safeParse(json);
    if (result.success) {
      return { settings: result.data, movedAsidePath: null };
    }

    const asidePath = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      await rename(this.path, asidePath);
      return { settings: structuredClone(DEFAULT_SETTINGS), movedAsidePath: asidePath };
    }

    await copyFile(this.path, asidePath);
    const salvaged = salvageSettings(json as Record<string, unknown>);
    await this.save(salvaged);
    return { settings: salvaged, movedAsidePath: asidePath };
  }

  /** Writes the settings atomically: a temporary file, flushed, then renamed over the old one. */
  async save(settings: Settings): Promise<void> {
    const valid = settingsSchema.parse(settings);
    await mkdir(join(this.path, '..'), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(valid, null, 2)}\n`, {
      encoding: 'utf8',
      mode: 0o600,
    });
  }
}
