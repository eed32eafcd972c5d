import { afterEach, describe, expect, it } from 'vitest';
import { createDeskFixture, errorOf, saveStoreAccount, valueOf, type DeskFixture } from './desk-fixture.ts';

let fixture: DeskFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function storeFixture(): Promise<DeskFixture> {
  fixture = await createDeskFixture();
  await saveStoreAccount(fixture);
  return fixture;
}

describe('variants:lookup', () => {
  it('returns the variants the simulator has', async () => {
    const desk = await storeFixture();
    const found = valueOf(await desk.handlers['variants:lookup'](['1000', '1315L', 'NOT-A-CODE']));

    expect(found.map((item) => item.code).sort()).toEqual(['1000', '1315L']);
    expect(found.find((item) => item.code === '1000')).toEqual({
      code: '1000',
      id: 'e156a0a9-1552-49d4-b597-d4ca09c3ed54',
      productId: '418c0cde-1e5f-4c77-a9f4-312bc96939cb',
    });
  });

  it('returns nothing for blank codes', async () => {
    const desk = await storeFixture();

    expect(valueOf(await desk.handlers['variants:lookup'](['', '  ']))).toEqual([]);
  });

  it('looks codes up in the demo simulator in demo mode', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['account:set-demo'](true));

    const found = valueOf(await fixture.handlers['variants:lookup'](['1001']));

    expect(found.map((item) => item.id)).toEqual(['d2dfbf1a-da61-48e4-9d4d-a921ebfcb8f5']);
  });

  it('reports missing credentials as an error value', async () => {
    fixture = await createDeskFixture();

    const error = errorOf(await fixture.handlers['variants:lookup'](['1000']));

    expect(error.code).toBe('credentials_missing');
  });
});
