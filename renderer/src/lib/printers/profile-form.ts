import type { z } from 'zod';
import type { MessageKey, MessageParams } from '../../../../shared/i18n/index.ts';
import {
  MAX_ROW_WIDTH_MM,
  printerProfileSchema,
  type PrinterDpi,
  type PrinterMode,
  type PrinterProfile,
  type PrinterProfileInput,
} from '../../../../shared/printing/profile.ts';

/**
 * The profile editor's fields. Numbers are null while a field is empty, as Svelte binds an empty number
 * input, and validation reports them as missing.
 */
export interface ProfileForm {
  name: string;
  queue: string;
  mode: PrinterMode;
  dpi: PrinterDpi;
  widthMm: number | null;
  heightMm: number | null;
  gapMm: number | null;
  columns: number | null;
  columnGapMm: number | null;
  offsetXMm: number | null;
  offsetYMm: number | null;
  darkness: number | null;
  speed: number | null;
  utf8Text: boolean;
  rasterText: boolean;
}

export type ProfileField = keyof ProfileForm;

/** The fields that hold a number. */
export type NumberField = {
  [Field in ProfileField]: number | null extends ProfileForm[Field] ? Field : never;
}[ProfileField];

/** A field's error as a catalogue key and its placeholders, translated when shown. */
export interface FieldError {
  key: MessageKey;
  params: MessageParams;
}

export type ProfileFormErrors = Partial<Record<ProfileField, FieldError>>;

/** The result of checking the form: the profile to save, or an error per field. */
export type ProfileFormCheck =
  { ok: true; profile: PrinterProfile } | { ok: false; errors: ProfileFormErrors };

/** Builds the form for a copy of `profile` (an example or a saved profile). */
export function formFromProfile(profile: PrinterProfile): ProfileForm {
  return {
    name: profile.name,
    queue: profile.queue,
    mode: profile.mode,
    dpi: profile.dpi,
    widthMm: profile.label.widthMm,
    heightMm: profile.label.heightMm,
    gapMm: profile.label.gapMm,
    columns: profile.columns,
    columnGapMm: profile.columnGapMm,
    offsetXMm: profile.offsetMm.x,
    offsetYMm: profile.offsetMm.y,
    darkness: profile.darkness,
    speed: profile.speed,
    utf8Text: profile.utf8Text,
    rasterText: profile.rasterText,
  };
}

/** Builds a blank form: a 50 × 30 mm TSPL label at 203 dpi, the schema's defaults, and no name or queue. */
export function blankForm(): ProfileForm {
  return {
    name: '',
    queue: '',
    mode: 'tspl',
    dpi: 203,
    widthMm: 50,
    heightMm: 30,
    gapMm: 2,
    columns: 1,
    columnGapMm: 0,
    offsetXMm: 0,
    offsetYMm: 0,
    darkness: 16,
    speed: 3,
    utf8Text: false,
    rasterText: false,
  };
}

const numberOrNaN = (value: number | null): number => value ?? Number.NaN;

/** Converts the form into profile data, before validation. */
export function profileInputFromForm(form: ProfileForm, id: string): PrinterProfileInput {
  return {
    id,
    name: form.name,
    queue: form.queue.trim(),
    mode: form.mode,
    dpi: form.dpi,
    label: {
      widthMm: numberOrNaN(form.widthMm),
      heightMm: numberOrNaN(form.heightMm),
      gapMm: numberOrNaN(form.gapMm),
    },
    columns: numberOrNaN(form.columns),
    columnGapMm: numberOrNaN(form.columnGapMm),
    offsetMm: { x: numberOrNaN(form.offsetXMm), y: numberOrNaN(form.offsetYMm) },
    darkness: numberOrNaN(form.darkness),
    speed: numberOrNaN(form.speed),
    utf8Text: form.utf8Text,
    rasterText: form.rasterText,
  };
}

/**
 * Makes an id for a new profile from its name (lower-case letters, digits and hyphens, as the schema
 * requires) with a random suffix, so two profiles of the same name never share an id.
 */
export function newProfileId(
  name: string,
  existingIds: readonly string[],
  random: () => number = Math.random,
): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const base = slug === '' ? 'printer' : slug;
  for (;;) {
    const suffix = Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
    const id = `${base}-${suffix}`;
    if (!existingIds.includes(id)) {
      return id;
    }
  }
}

const FIELD_BY_PATH: Record<string, ProfileField> = {
  id: 'name',
  name: 'name',
  queue: 'queue',
  mode: 'mode',
  dpi: 'dpi',
  'label.widthMm': 'widthMm',
  'label.heightMm': 'heightMm',
  'label.gapMm': 'gapMm',
  columns: 'columns',
  columnGapMm: 'columnGapMm',
  'offsetMm.x': 'offsetXMm',
  'offsetMm.y': 'offsetYMm',
  darkness: 'darkness',
  speed: 'speed',
  utf8Text: 'utf8Text',
  rasterText: 'rasterText',
};

function fieldError(issue: z.core.$ZodIssue): FieldError {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return { key: 'printers_ui.invalid.required', params: {} };
      }
      return issue.inclusive === false
        ? { key: 'printers_ui.invalid.more_than', params: { min: Number(issue.minimum) } }
        : { key: 'printers_ui.invalid.min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') {
        return { key: 'printers_ui.invalid.too_long', params: { max: Number(issue.maximum) } };
      }
      return { key: 'printers_ui.invalid.max', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return issue.expected === 'int'
        ? { key: 'printers_ui.invalid.whole', params: {} }
        : { key: 'printers_ui.invalid.number', params: {} };
    case 'not_multiple_of':
      return { key: 'printers_ui.invalid.step', params: { step: Number(issue.divisor) } };
    case 'custom':
      if (issue.message === 'control_character') {
        return { key: 'printers_ui.invalid.control_character', params: {} };
      }
      if (issue.message === 'row_wider_than_print_head') {
        return { key: 'printers_ui.invalid.row_too_wide', params: { max: MAX_ROW_WIDTH_MM } };
      }
      return { key: 'printers_ui.invalid.other', params: {} };
    default:
      return { key: 'printers_ui.invalid.other', params: {} };
  }
}

/** Checks the form with `printerProfileSchema` and reports the first problem of each field. */
export function checkProfileForm(form: ProfileForm, id: string): ProfileFormCheck {
  const parsed = printerProfileSchema.safeParse(profileInputFromForm(form, id));
  if (parsed.success) {
    return { ok: true, profile: parsed.data };
  }
  const errors: ProfileFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = FIELD_BY_PATH[issue.path.join('.')] ?? 'name';
    errors[field] ??= fieldError(issue);
  }
  return { ok: false, errors };
}
