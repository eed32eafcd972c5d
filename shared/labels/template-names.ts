import { translate, type Locale, type MessageKey } from '../i18n/index.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from './templates.ts';

/** Message key of each built-in template's name, by template id. */
const BUILT_IN_NAME_KEYS: Readonly<Record<string, MessageKey>> = {
  'roll-50x30': 'template_names.roll_50x30',
  'roll-33x15-3up': 'template_names.roll_33x15_3up',
  'sheet-a4-3x8': 'template_names.sheet_a4_3x8',
};

const BUILT_IN_NAMES: ReadonlyMap<string, string> = new Map(
  BUILT_IN_TEMPLATES.map((template) => [template.id, template.name]),
);

/**
 * Returns the name of `template` to show in `locale`: the translated name of a built-in template, or
 * `template.name` for a custom one. A template only counts as built-in while its id and English name both
 * match a shipped template, so a custom template that reuses a built-in id keeps its own name.
 */
export function builtInTemplateName(locale: Locale, template: Pick<LabelTemplate, 'id' | 'name'>): string {
  const key = BUILT_IN_NAME_KEYS[template.id];
  if (key === undefined || BUILT_IN_NAMES.get(template.id) !== template.name) {
    return template.name;
  }
  return translate(locale, key);
}
