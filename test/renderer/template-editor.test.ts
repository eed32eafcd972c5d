import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { LabelTemplate } from '../../shared/labels/templates.ts';
import {
  checkTemplateForm,
  formFromTemplate,
  idFromName,
} from '../../renderer/src/lib/templates/template-form.ts';
import { BUILT_IN_TEMPLATES } from '../../shared/labels/templates.ts';
import { renderApp } from './render-desk.ts';

async function openEditor(): Promise<HTMLElement> {
  await renderApp();
  await fireEvent.click(screen.getByRole('button', { name: 'Template label' }));
  return screen.findByRole('dialog', { name: 'Template label baru' });
}

function messagesOf(fieldId: string): string {
  return document.querySelector(`[data-field-messages="${fieldId}"]`)?.textContent ?? '';
}

async function setNumber(label: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('template editor', () => {
  it('starts from a copy of the current template with its own id', async () => {
    await openEditor();

    expect((screen.getByLabelText('Nama template') as HTMLInputElement).value).toBe(
      'Rol 50 × 30 mm (salinan)',
    );
    expect((screen.getByLabelText('ID (huruf, angka, tanda hubung)') as HTMLInputElement).value).toBe(
      'rol-50-30-mm-salinan',
    );
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });

  it('explains labels wider than the page at the columns field', async () => {
    await openEditor();

    await setNumber('Kolom', '2');

    expect(messagesOf('template-columns')).toContain('Label lebih lebar dari halaman');
    expect(screen.getByLabelText('Kolom').getAttribute('aria-invalid')).toBe('true');
  });

  it('explains labels taller than the page at the rows field', async () => {
    await openEditor();

    await setNumber('Baris', '3');

    expect(messagesOf('template-rows')).toContain('Label lebih tinggi dari halaman');
  });

  it('explains overlapping labels at the gap field', async () => {
    await openEditor();
    await setNumber('Lebar halaman (mm)', '200');
    await setNumber('Kolom', '2');

    await setNumber('Jarak antarkolom (mm)', '-5');

    expect(messagesOf('template-gap-x')).toContain('label yang bersebelahan bertumpuk');
  });

  it('explains a smallest font size above the font size', async () => {
    await openEditor();

    await setNumber('Ukuran huruf terkecil (pt)', '12');

    expect(messagesOf('template-name-min-size')).toContain('Ukuran huruf terkecil lebih besar');
  });

  it('explains empty, out-of-range and fractional values', async () => {
    await openEditor();

    await fireEvent.input(screen.getByLabelText('Nama template'), { target: { value: ' ' } });
    await setNumber('Lebar label (mm)', '');
    await setNumber('Baris', '0');
    await setNumber('Kolom', '1.5');

    expect(document.querySelector('#template-name')?.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Isi nilainya.')).toHaveLength(2);
    expect(messagesOf('template-label-width')).toContain('Isi nilainya.');
    expect(messagesOf('template-rows')).toContain('Isi 1 atau lebih.');
    expect(messagesOf('template-columns')).toContain('Isi bilangan bulat.');
  });

  it('refuses the id of a built-in template', async () => {
    await openEditor();

    await fireEvent.input(screen.getByLabelText('ID (huruf, angka, tanda hubung)'), {
      target: { value: 'roll-50x30' },
    });

    expect(messagesOf('template-id')).toContain('ID ini sudah dipakai template bawaan');
  });

  it('does not save while a field is invalid', async () => {
    const { api } = await renderApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Template label' }));
    await setNumber('Kolom', '4');

    await fireEvent.click(screen.getByRole('button', { name: 'Simpan template' }));

    expect(await screen.findByText('Perbaiki kolom yang ditandai, lalu simpan lagi.')).toBeTruthy();
    expect(api.callsOf('saveTemplate')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Kolom'));
  });

  it('saves a valid template and selects it', async () => {
    const { api } = await renderApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Template label' }));
    await fireEvent.input(screen.getByLabelText('Nama template'), { target: { value: 'Rak 40 × 25' } });
    await setNumber('Lebar label (mm)', '40');
    await setNumber('Lebar halaman (mm)', '40');
    await setNumber('Tinggi label (mm)', '25');
    await setNumber('Tinggi halaman (mm)', '25');

    await fireEvent.click(screen.getByRole('button', { name: 'Simpan template' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = api.callsOf('saveTemplate')[0]?.args[0] as LabelTemplate;
    expect(saved).toMatchObject({
      id: 'rak-40-25',
      name: 'Rak 40 × 25',
      label: { widthMm: 40, heightMm: 25 },
      grid: { pitchXMm: 40, pitchYMm: 25 },
    });
    expect((screen.getByLabelText('Template label', { selector: 'select' }) as HTMLSelectElement).value).toBe(
      'rak-40-25',
    );
  });
});

describe('template editor barcode type', () => {
  it('offers automatic and Code 128 in place of the old note', async () => {
    await openEditor();

    const select = screen.getByLabelText('Jenis barcode', { selector: 'select' }) as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect([...select.options].map((option) => option.value)).toEqual(['auto', 'code128']);
    expect(select.options[1]?.textContent).toBe(
      'Selalu Code 128 (untuk pemindai yang hanya membaca Code 128)',
    );
    expect(screen.queryByText(/template tidak dapat memilihnya/)).toBeNull();
  });

  it('saves the chosen barcode type', async () => {
    const { api } = await renderApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Template label' }));
    await fireEvent.input(screen.getByLabelText('Nama template'), { target: { value: 'Rak Code 128' } });

    await fireEvent.change(screen.getByLabelText('Jenis barcode', { selector: 'select' }), {
      target: { value: 'code128' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Simpan template' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = api.callsOf('saveTemplate')[0]?.args[0] as LabelTemplate;
    expect(saved.id).toBe('rak-code-128');
    expect(saved.fields.barcode.symbology).toBe('code128');
  });
});

describe('checkTemplateForm', () => {
  it('accepts every built-in template under a new id', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      const form = { ...formFromTemplate(template), id: `${template.id}-copy` };
      const check = checkTemplateForm(form);
      expect(check.ok ? check.template : check.issues).toEqual({ ...template, id: `${template.id}-copy` });
    }
  });

  it('makes ids the schema accepts from names', () => {
    expect(idFromName('Crème 33 × 15 — Rak')).toBe('creme-33-15-rak');
    expect(idFromName('---')).toBe('custom');
  });
});
