import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../../shared/labels/templates.ts';
import { createDeskFixture, valueOf, type DeskFixture } from './desk-fixture.ts';

const BUILT_IN_IDS = BUILT_IN_TEMPLATES.map((template) => template.id);

function customTemplate(id: string, name = 'Shelf roll 40 × 25 mm'): LabelTemplate {
  const base = structuredClone(BUILT_IN_TEMPLATES[0]) as LabelTemplate;
  return {
    ...base,
    id,
    name,
    page: { widthMm: 40, heightMm: 25 },
    label: { widthMm: 40, heightMm: 25 },
    grid: { ...base.grid, pitchXMm: 40, pitchYMm: 25 },
  };
}

let fixture: DeskFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('templates:list', () => {
  it('lists the built-in templates first', async () => {
    fixture = await createDeskFixture();
    const list = await fixture.handlers['templates:list']();
    expect(list.map((item) => [item.template.id, item.builtIn])).toEqual(
      BUILT_IN_IDS.map((id) => [id, true]),
    );
  });
});

describe('templates:save', () => {
  it('adds a custom template and keeps it across a restart', async () => {
    fixture = await createDeskFixture();
    const list = valueOf(await fixture.handlers['templates:save'](customTemplate('shelf-40x25')));
    expect(list.at(-1)).toEqual({ template: customTemplate('shelf-40x25'), builtIn: false });

    const restarted = await fixture.restart();
    const reloaded = await restarted.handlers['templates:list']();
    expect(reloaded.map((item) => item.template.id)).toEqual([...BUILT_IN_IDS, 'shelf-40x25']);
  });

  it('replaces a custom template with the same id', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['templates:save'](customTemplate('shelf-40x25')));
    const list = valueOf(await fixture.handlers['templates:save'](customTemplate('shelf-40x25', 'Renamed')));
    const custom = list.filter((item) => !item.builtIn);
    expect(custom.map((item) => item.template.name)).toEqual(['Renamed']);
  });

  it('refuses to replace a built-in template', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['templates:save'](customTemplate('roll-50x30'));
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'template_built_in', params: { id: 'roll-50x30' } },
    });
    const list = await fixture.handlers['templates:list']();
    expect(list.find((item) => item.template.id === 'roll-50x30')?.template).toEqual(BUILT_IN_TEMPLATES[0]);
    expect(await readdir(fixture.userDataFolder)).not.toContain('templates.json');
  });
});

describe('templates:delete', () => {
  it('deletes a custom template', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['templates:save'](customTemplate('shelf-40x25')));
    const list = valueOf(await fixture.handlers['templates:delete']('shelf-40x25'));
    expect(list.map((item) => item.template.id)).toEqual(BUILT_IN_IDS);
    const file = JSON.parse(await readFile(join(fixture.userDataFolder, 'templates.json'), 'utf8')) as {
      templates: unknown[];
    };
    expect(file.templates).toEqual([]);
  });

  it('refuses to delete a built-in template', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['templates:delete']('sheet-a4-3x8');
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'template_built_in', params: { id: 'sheet-a4-3x8' } },
    });
  });

  it('reports template_not_found for an unknown id', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['templates:delete']('no-such-template');
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'template_not_found', params: { id: 'no-such-template' } },
    });
  });

  it('resets the default template when it is deleted', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['templates:save'](customTemplate('shelf-40x25')));
    valueOf(await fixture.handlers['settings:update']({ defaultTemplateId: 'shelf-40x25' }));

    valueOf(await fixture.handlers['templates:delete']('shelf-40x25'));
    expect((await fixture.handlers['settings:get']()).defaultTemplateId).toBe('roll-50x30');
  });
});

describe('templates file', () => {
  it('is moved aside when corrupt', async () => {
    fixture = await createDeskFixture();
    const path = join(fixture.userDataFolder, 'templates.json');
    await writeFile(path, JSON.stringify({ version: 1, templates: [{ id: 'Bad Id', name: '' }] }));

    const list = await fixture.handlers['templates:list']();
    expect(list.map((item) => item.template.id)).toEqual(BUILT_IN_IDS);
    const files = await readdir(fixture.userDataFolder);
    expect(files).not.toContain('templates.json');
    const aside = files.find((file) => file.startsWith('templates.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(fixture.userDataFolder, aside ?? ''), 'utf8')).toContain('Bad Id');
    expect(await readFile(fixture.logFile, 'utf8')).toContain(
      '[templates] The custom templates file was corrupt',
    );
  });

  it('ignores an entry that reuses a built-in id', async () => {
    fixture = await createDeskFixture();
    const hijack = { ...customTemplate('roll-50x30'), name: 'Changed by hand' };
    await writeFile(
      join(fixture.userDataFolder, 'templates.json'),
      JSON.stringify({ version: 1, templates: [hijack, customTemplate('shelf-40x25')] }),
    );
    const list = await fixture.handlers['templates:list']();
    expect(list.map((item) => item.template.id)).toEqual([...BUILT_IN_IDS, 'shelf-40x25']);
    expect(list[0]?.template.name).toBe(BUILT_IN_TEMPLATES[0]?.name);
  });
});

describe('custom template symbology', () => {
  it('keeps code128 across a save and a restart', async () => {
    fixture = await createDeskFixture();
    const template = customTemplate('shelf-code128');
    template.fields = { ...template.fields, barcode: { ...template.fields.barcode, symbology: 'code128' } };
    valueOf(await fixture.handlers['templates:save'](template));

    const restarted = await fixture.restart();
    const reloaded = await restarted.handlers['templates:list']();
    const saved = reloaded.find((item) => item.template.id === 'shelf-code128');
    expect(saved?.template.fields.barcode.symbology).toBe('code128');
    const file = JSON.parse(await readFile(join(fixture.userDataFolder, 'templates.json'), 'utf8')) as {
      templates: LabelTemplate[];
    };
    expect(file.templates[0]?.fields.barcode.symbology).toBe('code128');
  });

  it('reads a template saved without the setting as auto', async () => {
    fixture = await createDeskFixture();
    const template = customTemplate('shelf-40x25');
    const barcode: Record<string, unknown> = { ...template.fields.barcode };
    delete barcode.symbology;
    const stored = { ...template, fields: { ...template.fields, barcode } };
    await writeFile(
      join(fixture.userDataFolder, 'templates.json'),
      JSON.stringify({ version: 1, templates: [stored] }),
    );

    const list = await fixture.handlers['templates:list']();
    expect(list.at(-1)?.template.id).toBe('shelf-40x25');
    expect(list.at(-1)?.template.fields.barcode.symbology).toBe('auto');
  });
});
