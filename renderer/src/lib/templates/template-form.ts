import type { MessageKey, MessageParams } from '../../../../shared/i18n/index.ts';
import {
  BUILT_IN_TEMPLATES,
  templateSchema,
  type LabelTemplate,
  type SymbologyPreference,
} from '../../../../shared/labels/templates.ts';

type TextFieldName = 'code' | 'price' | 'documentNumber';

/**
 * The template editor's fields. Gaps are edited instead of the engine's pitch (gap = pitch − label size),
 * because that is what a label sheet's packaging states. Numbers are null while a field is empty.
 */
export interface TemplateForm {
  id: string;
  name: string;
  media: LabelTemplate['media'];
  pageWidthMm: number | null;
  pageHeightMm: number | null;
  labelWidthMm: number | null;
  labelHeightMm: number | null;
  columns: number | null;
  rows: number | null;
  gapXMm: number | null;
  gapYMm: number | null;
  marginLeftMm: number | null;
  marginTopMm: number | null;
  paddingMm: number | null;
  nameShow: boolean;
  nameFontSizePt: number | null;
  nameMinFontSizePt: number | null;
  nameMaxLines: number | null;
  barcodeShow: boolean;
  barcodeHeightMm: number | null;
  barcodeSymbology: SymbologyPreference;
  text: Record<TextFieldName, { show: boolean; fontSizePt: number | null }>;
}

/** Names of the form's inputs, each of which can carry inline messages. */
export type TemplateFormField =
  | 'id'
  | 'name'
  | 'pageWidthMm'
  | 'pageHeightMm'
  | 'labelWidthMm'
  | 'labelHeightMm'
  | 'columns'
  | 'rows'
  | 'gapXMm'
  | 'gapYMm'
  | 'marginLeftMm'
  | 'marginTopMm'
  | 'paddingMm'
  | 'nameFontSizePt'
  | 'nameMinFontSizePt'
  | 'nameMaxLines'
  | 'barcodeHeightMm'
  | 'codeFontSizePt'
  | 'priceFontSizePt'
  | 'documentNumberFontSizePt';

/** A translated message for one field: a catalogue key and its placeholder values. */
export interface FieldMessage {
  key: MessageKey;
  params: MessageParams;
}

/** The form's result: the template when the schema accepts it, and the messages for each field otherwise. */
export type FormCheck =
  | { ok: true; template: LabelTemplate }
  | { ok: false; issues: Partial<Record<TemplateFormField | 'form', FieldMessage[]>> };

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Fills the form from an existing template. */
export function formFromTemplate(template: LabelTemplate): TemplateForm {
  const { fields, grid } = template;
  return {
    id: template.id,
    name: template.name,
    media: template.media,
    pageWidthMm: template.page.widthMm,
    pageHeightMm: template.page.heightMm,
    labelWidthMm: template.label.widthMm,
    labelHeightMm: template.label.heightMm,
    columns: grid.columns,
    rows: grid.rows,
    gapXMm: round(grid.pitchXMm - template.label.widthMm),
    gapYMm: round(grid.pitchYMm - template.label.heightMm),
    marginLeftMm: grid.marginLeftMm,
    marginTopMm: grid.marginTopMm,
    paddingMm: template.paddingMm,
    nameShow: fields.name.show,
    nameFontSizePt: fields.name.fontSizePt,
    nameMinFontSizePt: fields.name.minFontSizePt,
    nameMaxLines: fields.name.maxLines,
    barcodeShow: fields.barcode.show,
    barcodeHeightMm: fields.barcode.heightMm,
    barcodeSymbology: fields.barcode.symbology,
    text: {
      code: { ...fields.code },
      price: { ...fields.price },
      documentNumber: { ...fields.documentNumber },
    },
  };
}

/** Makes an id from a template name: lower-case letters, digits and hyphens, as the schema requires. */
export function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'custom' : slug;
}

/** Checks whether an id belongs to a template that ships with the app, which cannot be overwritten. */
export function isBuiltInId(id: string): boolean {
  return BUILT_IN_TEMPLATES.some((template) => template.id === id);
}

// Null stays null, so the schema reports the field as missing instead of reading 0.
const plus = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : round(a + b);

/** Builds the candidate template the schema checks; empty numbers stay null so they fail as missing. */
export function templateFromForm(form: TemplateForm): unknown {
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    media: form.media,
    page: { widthMm: form.pageWidthMm, heightMm: form.pageHeightMm },
    label: { widthMm: form.labelWidthMm, heightMm: form.labelHeightMm },
    grid: {
      columns: form.columns,
      rows: form.rows,
      marginLeftMm: form.marginLeftMm,
      marginTopMm: form.marginTopMm,
      pitchXMm: plus(form.labelWidthMm, form.gapXMm),
      pitchYMm: plus(form.labelHeightMm, form.gapYMm),
    },
    paddingMm: form.paddingMm,
    fields: {
      name: {
        show: form.nameShow,
        fontSizePt: form.nameFontSizePt,
        minFontSizePt: form.nameMinFontSizePt,
        maxLines: form.nameMaxLines,
      },
      barcode: {
        show: form.barcodeShow,
        heightMm: form.barcodeHeightMm,
        symbology: form.barcodeSymbology,
      },
      code: { ...form.text.code },
      price: { ...form.text.price },
      documentNumber: { ...form.text.documentNumber },
    },
  };
}

/** Maps a schema issue path to the form field it concerns. */
function fieldOfPath(path: readonly PropertyKey[]): TemplateFormField | null {
  const key = path.map(String).join('.');
  const fields: Record<string, TemplateFormField> = {
    id: 'id',
    name: 'name',
    'page.widthMm': 'pageWidthMm',
    'page.heightMm': 'pageHeightMm',
    'label.widthMm': 'labelWidthMm',
    'label.heightMm': 'labelHeightMm',
    'grid.columns': 'columns',
    'grid.rows': 'rows',
    'grid.pitchXMm': 'gapXMm',
    'grid.pitchYMm': 'gapYMm',
    'grid.marginLeftMm': 'marginLeftMm',
    'grid.marginTopMm': 'marginTopMm',
    paddingMm: 'paddingMm',
    'fields.name.fontSizePt': 'nameFontSizePt',
    'fields.name.minFontSizePt': 'nameMinFontSizePt',
    'fields.name.maxLines': 'nameMaxLines',
    'fields.barcode.heightMm': 'barcodeHeightMm',
    'fields.code.fontSizePt': 'codeFontSizePt',
    'fields.price.fontSizePt': 'priceFontSizePt',
    'fields.documentNumber.fontSizePt': 'documentNumberFontSizePt',
  };
  return fields[key] ?? null;
}

const CUSTOM_MESSAGES: Record<string, MessageKey> = {
  labels_wider_than_page: 'desk.template.issue.labels_wider_than_page',
  labels_taller_than_page: 'desk.template.issue.labels_taller_than_page',
  labels_overlap: 'desk.template.issue.labels_overlap',
  min_above_size: 'desk.template.issue.min_above_size',
};

/** The subset of a zod 4 issue that the editor reads. */
interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  expected?: unknown;
  /** What was checked: `string`, `number`, and so on. */
  origin?: unknown;
}

/** Turns one schema issue into a translated message: the schema's custom codes, or a generic sentence. */
export function issueMessage(issue: SchemaIssue): FieldMessage {
  if (issue.code === 'custom') {
    const key = CUSTOM_MESSAGES[issue.message];
    if (key !== undefined) {
      return { key, params: {} };
    }
  }
  if (issue.code === 'too_small') {
    if (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint') {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return { key: 'desk.template.issue.required', params: {} };
      }
      return issue.inclusive === false
        ? { key: 'desk.template.issue.above', params: { minimum } }
        : { key: 'desk.template.issue.at_least', params: { minimum } };
    }
  }
  if (issue.code === 'too_big' && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) {
    return { key: 'desk.template.issue.at_most', params: { maximum: Number(issue.maximum) } };
  }
  if (issue.code === 'invalid_type') {
    return issue.expected === 'int'
      ? { key: 'desk.template.issue.whole_number', params: {} }
      : { key: 'desk.template.issue.required', params: {} };
  }
  if (issue.code === 'invalid_format') {
    return { key: 'desk.template.issue.id_format', params: {} };
  }
  return { key: 'desk.template.issue.invalid', params: {} };
}

/** Checks the form with the engine's template schema and groups translated messages by field. */
export function checkTemplateForm(form: TemplateForm): FormCheck {
  const issues: Partial<Record<TemplateFormField | 'form', FieldMessage[]>> = {};
  const add = (field: TemplateFormField | 'form', message: FieldMessage): void => {
    (issues[field] ??= []).push(message);
  };

  if (isBuiltInId(form.id.trim())) {
    add('id', { key: 'desk.template.issue.id_built_in', params: {} });
  }

  const parsed = templateSchema.safeParse(templateFromForm(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path) ?? 'form';
      // A pitch is label size plus gap. With the size empty, the size field already carries the message.
      let gap: number | null = null;
      if (field === 'gapXMm') {
        gap = form.gapXMm;
      } else if (field === 'gapYMm') {
        gap = form.gapYMm;
      }
      if (gap !== null && issue.code === 'invalid_type') {
        continue;
      }
      add(field, issueMessage(issue));
    }
  }
  if (!parsed.success || Object.keys(issues).length > 0) {
    return { ok: false, issues };
  }
  return { ok: true, template: parsed.data };
}
