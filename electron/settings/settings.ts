import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
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
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  dealpos: null,
  locale: null,
  defaultTemplateId: DEFAULT_TEMPLATE_ID,
  defaultDpi: 203,
};

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
   * Loads the settings. A missing file gives the defaults; a corrupt one is moved aside (so nothing
   * is lost) and the defaults are used. The result names where the old file went.
   */
  async load(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { settings: structuredClone(DEFAULT_SETTINGS), movedAsidePath: null };
      }
      throw error;
    }

    let parsed: Settings | undefined;
    try {
      const result = settingsSchema.safeParse(JSON.parse(text));
      parsed = result.success ? result.data : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      return { settings: parsed, movedAsidePath: null };
    }

    const asidePath = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, asidePath);
    return { settings: structuredClone(DEFAULT_SETTINGS), movedAsidePath: asidePath };
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
