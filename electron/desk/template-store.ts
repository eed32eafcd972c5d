import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { TemplateListItem } from '../../shared/ipc-contract.ts';
import { BUILT_IN_TEMPLATES, templateSchema, type LabelTemplate } from '../../shared/labels/templates.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { SerialQueue } from './serial-queue.ts';

const templatesFileSchema = z.object({
  version: z.literal(1),
  templates: z.array(templateSchema),
});

const BUILT_IN_IDS = new Set(BUILT_IN_TEMPLATES.map((template) => template.id));

/**
 * The clerk's own label templates in `<userData>/templates.json`, next to the built-in ones. The file is
 * checked with the template schema when read; a corrupt file is moved aside. Built-in templates can be
 * neither replaced nor deleted, so every desk keeps the same known-good set.
 */
export class TemplateStore {
  readonly path: string;
  readonly #now: () => Date;
  readonly #log: ScopedLogger;
  readonly #queue = new SerialQueue();
  #custom: LabelTemplate[] | undefined;

  constructor(userDataFolder: string, now: () => Date, log: ScopedLogger) {
    this.path = join(userDataFolder, 'templates.json');
    this.#now = now;
    this.#log = log;
  }

  /** Built-in templates first, in their shipped order, then custom ones in the order they were added. */
  list(): Promise<TemplateListItem[]> {
    return this.#queue.run(async () => listItems(await this.#load()));
  }

  /** Returns the custom templates, for printing. */
  custom(): Promise<LabelTemplate[]> {
    return this.#queue.run(async () => [...(await this.#load())]);
  }

  /** Adds a custom template, or replaces the custom one with the same id. */
  save(template: LabelTemplate): Promise<TemplateListItem[]> {
    if (BUILT_IN_IDS.has(template.id)) {
      return Promise.reject(new AppError('template_built_in', { id: template.id }));
    }
    return this.#queue.run(async () => {
      const custom = await this.#load();
      const index = custom.findIndex((item) => item.id === template.id);
      const next = index >= 0 ? custom.with(index, template) : [...custom, template];
      await this.#save(next);
      this.#log.info('Saved a custom template', { id: template.id, replaced: index >= 0 });
      return listItems(next);
    });
  }

  /** Deletes a custom template; a built-in id fails with `template_built_in`, an unknown one with `template_not_found`. */
  delete(id: string): Promise<TemplateListItem[]> {
    if (BUILT_IN_IDS.has(id)) {
      return Promise.reject(new AppError('template_built_in', { id }));
    }
    return this.#queue.run(async () => {
      const custom = await this.#load();
      if (!custom.some((item) => item.id === id)) {
        throw new AppError('template_not_found', { id });
      }
      const next = custom.filter((item) => item.id !== id);
      await this.#save(next);
      this.#log.info('Deleted a custom template', { id });
      return listItems(next);
    });
  }

  async #load(): Promise<LabelTemplate[]> {
    if (this.#custom !== undefined) {
      return this.#custom;
    }
    const read = await readJsonFile(this.path, templatesFileSchema, this.#now());
    if (read.status === 'moved_aside') {
      this.#log.warn('The custom templates file was corrupt; it was moved aside', {
        movedAsidePath: read.movedAsidePath,
      });
    }
    const stored = read.status === 'ok' ? read.value.templates : [];
    // A file edited by hand could reuse a built-in id; the built-in one wins.
    this.#custom = stored.filter((template) => !BUILT_IN_IDS.has(template.id));
    return this.#custom;
  }

  async #save(custom: LabelTemplate[]): Promise<void> {
    await writeJsonFile(this.path, { version: 1, templates: custom });
    this.#custom = custom;
  }
}

function listItems(custom: readonly LabelTemplate[]): TemplateListItem[] {
  return [
    ...BUILT_IN_TEMPLATES.map((template) => ({ template, builtIn: true })),
    ...custom.map((template) => ({ template, builtIn: false })),
  ];
}
