import { describe, expect, it } from 'vitest';
import { builtInTemplateName } from '../../../shared/labels/template-names.ts';
import { BUILT_IN_TEMPLATES } from '../../../shared/labels/templates.ts';

describe('builtInTemplateName', () => {
  it('translates every built-in template into Indonesian', () => {
    const names = BUILT_IN_TEMPLATES.map((template) => builtInTemplateName('id', template));
    expect(names).toEqual([
      'Rol 50 × 30 mm',
      'Rol 33 × 15 mm, 3 berjajar',
      'Lembar A4, 3 × 8 label 70 × 37 mm',
    ]);
  });

  it('keeps the shipped English names in English', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      expect(builtInTemplateName('en', template)).toBe(template.name);
    }
  });

  it('shows a custom template by its own name', () => {
    expect(builtInTemplateName('id', { id: 'toko-40x20', name: 'Toko 40 × 20' })).toBe('Toko 40 × 20');
  });

  it('keeps the name of a custom template that reuses a built-in id', () => {
    expect(builtInTemplateName('id', { id: 'roll-50x30', name: 'Rak sepatu' })).toBe('Rak sepatu');
  });
});
