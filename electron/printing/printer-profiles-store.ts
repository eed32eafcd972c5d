import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import {
  printerProfileSchema,
  type PrinterProfile,
  type PrinterProfileInput,
} from '../../shared/printing/profile.ts';

/** `printers.json`: the clerk's printer profiles, ids unique. */
export const printerProfilesFileSchema = z
  .object({
    version: z.literal(1),
    profiles: z.array(printerProfileSchema),
  })
  .refine((file) => new Set(file.profiles.map((profile) => profile.id)).size === file.profiles.length, {
    message: 'profile ids must be unique',
    path: ['profiles'],
  });

export interface LoadedPrinterProfiles {
  profiles: PrinterProfile[];
  /** New path of an unreadable file moved aside during this load, or null. */
  movedAsidePath: string | null;
}

/** Reads and writes the printer profiles in `<userData>/printers.json`. */
export class PrinterProfilesStore {
  readonly path: string;

  constructor(userDataFolder: string) {
    this.path = join(userDataFolder, 'printers.json');
  }

  /**
   * Loads the profiles, or none when the file is missing. An unreadable or invalid file is moved aside
   * so nothing is lost, and then no profiles are returned and `movedAsidePath` names the moved file.
   */
  async load(): Promise<LoadedPrinterProfiles> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { profiles: [], movedAsidePath: null };
      }
      throw error;
    }
    let profiles: PrinterProfile[] | undefined;
    try {
      const result = printerProfilesFileSchema.safeParse(JSON.parse(text));
      profiles = result.success ? result.data.profiles : undefined;
    } catch {
      profiles = undefined;
    }
    if (profiles !== undefined) {
      return { profiles, movedAsidePath: null };
    }
    const asidePath = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, asidePath);
    return { profiles: [], movedAsidePath: asidePath };
  }

  /** Validates and writes all profiles atomically; throws a ZodError for an invalid profile. */
  async save(profiles: readonly PrinterProfileInput[]): Promise<PrinterProfile[]> {
    const file = printerProfilesFileSchema.parse({ version: 1, profiles });
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    return file.profiles;
  }

  /** Adds a profile, or replaces the one with the same id. */
  async upsert(profile: PrinterProfileInput): Promise<PrinterProfile[]> {
    const { profiles } = await this.load();
    const others = profiles.filter((existing) => existing.id !== profile.id);
    return this.save([...others, profile]);
  }

  async remove(id: string): Promise<PrinterProfile[]> {
    const { profiles } = await this.load();
    return this.save(profiles.filter((profile) => profile.id !== id));
  }
}
