import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration, TargetConfiguration } from 'electron-builder';

// The YAML parser, the schema validator and the schema are the copies electron-builder itself loads, so the
// test agrees with what `electron-builder` accepts. They are reached through electron-builder (a direct
// devDependency) instead of being imported by name, which would need them as direct devDependencies.

interface YamlParser {
  load(text: string): unknown;
}

interface SchemaError {
  instancePath: string;
  message?: string;
  params?: { additionalProperty?: string };
}

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

interface AjvModule {
  default: new (options: Record<string, unknown>) => { compile(schema: object): SchemaValidator };
}

interface NsisLanguageTable {
  langIdToName: Record<string, string>;
}

const builderPackageJson = createRequire(import.meta.url).resolve('electron-builder/package.json');
const appBuilderLibPackageJson = createRequire(builderPackageJson).resolve('app-builder-lib/package.json');
const requireFromAppBuilderLib = createRequire(appBuilderLibPackageJson);

const yaml = requireFromAppBuilderLib('js-yaml') as YamlParser;
const ajvModule = requireFromAppBuilderLib('ajv') as AjvModule;
// The table electron-builder uses to turn `id_ID` into NSIS's "Indonesian". An unknown code fails the build.
const nsisLanguages = requireFromAppBuilderLib('./out/util/langs.js') as NsisLanguageTable;

let rawConfig: unknown;
let config: Configuration;
let validate: SchemaValidator;

function schemaErrors(data: unknown): string[] {
  // Ajv's coerceTypes option rewrites values in place, so each check gets its own copy.
  if (validate(structuredClone(data))) {
    return [];
  }
  return (validate.errors ?? []).map((error) => {
    const unknownOption = error.params?.additionalProperty;
    const suffix = unknownOption === undefined ? '' : `: ${unknownOption}`;
    return `${error.instancePath || '/'} ${error.message ?? ''}${suffix}`;
  });
}

function targetsOf(value: Configuration['win']): TargetConfiguration[] {
  const target = value?.target;
  if (target === undefined || target === null) {
    return [];
  }
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry) => (typeof entry === 'string' ? { target: entry } : entry));
}

beforeAll(async () => {
  const text = await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
  rawConfig = yaml.load(text);

  const schema = JSON.parse(
    await readFile(join(dirname(appBuilderLibPackageJson), 'scheme.json'), 'utf8'),
  ) as object;
  // The same options electron-builder 26 passes in app-builder-lib/out/util/config/schemaValidator.js.
  const ajv = new ajvModule.default({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
  validate = ajv.compile(schema);

  // The first test checks this cast: the file must match the schema the type was generated from.
  config = rawConfig as Configuration;
});

describe('electron-builder.yml', () => {
  it('matches the electron-builder schema', () => {
    expect(schemaErrors(rawConfig)).toEqual([]);
  });

  it('is rejected by the schema with an unknown option', () => {
    const withTypo = { ...(rawConfig as object), asarUnpak: ['**/node_modules/keytar/**'] };
    expect(schemaErrors(withTypo)).not.toEqual([]);
  });

  it('names the app like package.json', async () => {
    const packageJson = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      productName: string;
    };
    expect(config.appId).toBe('id.labeldesk.dealpos');
    expect(config.productName).toBe('DealPOS Label Desk');
    expect(config.productName).toBe(packageJson.productName);
  });

  it('packs only the built output and package.json', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
  });

  it('unpacks the native addons from app.asar', () => {
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.asarUnpack).toContain('**/node_modules/node-hid/**');
  });

  it('builds a Windows NSIS installer for x64 only', () => {
    expect(targetsOf(config.win)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('offers an assisted NSIS installer in Indonesian and English', () => {
    expect(config.nsis?.oneClick).toBe(false);
    const languages = config.nsis?.installerLanguages;
    expect(languages).toContain('id_ID');
    expect(languages).toContain('en_US');
  });

  it('uses only NSIS languages electron-builder supports', () => {
    const languages = config.nsis?.installerLanguages;
    const codes = Array.isArray(languages) ? languages : [];
    expect(codes).not.toEqual([]);
    for (const code of codes) {
      const languageId = code.split('_')[0] ?? '';
      expect(nsisLanguages.langIdToName[languageId], code).toBeTypeOf('string');
    }
    expect(nsisLanguages.langIdToName['id']).toBe('Indonesian');
  });

  it('builds an AppImage and a deb for the Office menu', () => {
    expect(targetsOf(config.linux).map((entry) => entry.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/\S+ <[^<>\s]+@[^<>\s]+>/);
  });

  it('builds a macOS dmg', () => {
    expect(targetsOf(config.mac).map((entry) => entry.target)).toEqual(['dmg']);
  });
});
