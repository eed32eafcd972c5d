import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRef } from '../../../shared/ipc-contract.ts';
import { createDeskFixture, errorOf, saveStoreAccount, valueOf, type DeskFixture } from './desk-fixture.ts';

const PLUIT_BILL: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };
const BANDUNG_BILL: DocumentRef = { kind: 'bill', outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };
const FETCHED_AT = '2026-01-15T08:00:00.000Z';

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

describe('document:fetch', () => {
  it('returns the checked lines of a DealPOS document', async () => {
    const desk = await storeFixture();
    const document = valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));

    expect(document.ref).toEqual(PLUIT_BILL);
    expect(document.source).toBe('dealpos');
    expect(document.fetchedAt).toBe(FETCHED_AT);
    expect(document.lines.map((line) => [line.code, line.quantity])).toEqual([
      ['1315L', 10],
      ['200536', 15],
      ['1315XL', 20],
    ]);
  });

  it('reuses one token for several fetches', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));
    valueOf(await desk.handlers['document:fetch'](BANDUNG_BILL));
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));

    expect(desk.simulator.requests.filter((request) => request.endpoint === 'token')).toHaveLength(1);
  });

  it('caches the raw document under a hashed file name', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](BANDUNG_BILL));

    const files = await readdir(join(desk.userDataFolder, 'documents'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const cached = JSON.parse(
      await readFile(join(desk.userDataFolder, 'documents', files[0] ?? ''), 'utf8'),
    ) as {
      ref: DocumentRef;
      lines: unknown[];
    };
    expect(cached.ref).toEqual(BANDUNG_BILL);
    expect(cached.lines).toHaveLength(9);
  });

  it('records history and recent outlets', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));
    valueOf(await desk.handlers['document:fetch'](BANDUNG_BILL));
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));

    expect(await desk.handlers['history:list']()).toEqual([
      { ref: PLUIT_BILL, fetchedAt: FETCHED_AT, lineCount: 3, labelsPrinted: 0, lastPrintedAt: null },
      { ref: BANDUNG_BILL, fetchedAt: FETCHED_AT, lineCount: 9, labelsPrinted: 0, lastPrintedAt: null },
    ]);
    expect((await desk.handlers['settings:get']()).recentOutlets).toEqual(['Pluit', 'Toko Bandung']);
  });

  it('passes on DealPOS errors as codes', async () => {
    const desk = await storeFixture();
    const missing = await desk.handlers['document:fetch']({ ...PLUIT_BILL, number: '2023.09.99999' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'document_not_found', params: { number: '2023.09.99999' } },
    });
    const outlet = await desk.handlers['document:fetch']({ ...PLUIT_BILL, outlet: 'Nowhere' });
    expect(errorOf(outlet).code).toBe('outlet_not_found');
    expect(await desk.handlers['history:list']()).toEqual([]);
  });

  it('reports credentials_missing with no account', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['document:fetch'](PLUIT_BILL);
    expect(outcome).toEqual({ ok: false, error: { code: 'credentials_missing', params: {} } });
  });

  it('says whether a cached copy exists when DealPOS is unreachable', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));
    desk.simulator.faults.inject('bill', { kind: 'reset' }, Infinity);

    const cachedOne = await desk.handlers['document:fetch'](PLUIT_BILL);
    expect(errorOf(cachedOne)).toEqual({
      code: 'network',
      params: { cached: 'yes', host: new URL(desk.simulator.url).host },
    });

    const uncached = await desk.handlers['document:fetch'](BANDUNG_BILL);
    expect(errorOf(uncached).params.cached).toBe('no');
  });

  it('marks other DealPOS failures with the cached flag', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));

    desk.simulator.faults.inject('bill', { kind: 'status', status: 503 }, Infinity);
    const serverError = await desk.handlers['document:fetch'](PLUIT_BILL);
    expect(errorOf(serverError)).toMatchObject({
      code: 'server_error',
      params: { status: 503, cached: 'yes' },
    });

    desk.simulator.faults.clear();
    desk.simulator.faults.inject('bill', { kind: 'rate_limited', retryAfter: '120' });
    const limited = await desk.handlers['document:fetch'](PLUIT_BILL);
    expect(errorOf(limited)).toMatchObject({ code: 'rate_limited', params: { cached: 'yes' } });

    desk.simulator.faults.inject('bill', { kind: 'malformed_json' }, Infinity);
    const unreadable = await desk.handlers['document:fetch'](BANDUNG_BILL);
    expect(errorOf(unreadable)).toMatchObject({ code: 'bad_response', params: { cached: 'no' } });
  });
});

describe('document:open-cached', () => {
  it('reopens a fetched document with DealPOS closed', async () => {
    const desk = await storeFixture();
    const fetched = valueOf(await desk.handlers['document:fetch'](BANDUNG_BILL));
    await desk.simulator.close();

    const offline = await desk.handlers['document:fetch'](BANDUNG_BILL);
    expect(errorOf(offline)).toMatchObject({ code: 'network', params: { cached: 'yes' } });

    const cached = valueOf(await desk.handlers['document:open-cached'](BANDUNG_BILL));
    expect(cached.source).toBe('cache');
    expect(cached.fetchedAt).toBe(fetched.fetchedAt);
    expect(cached.lines).toEqual(fetched.lines);
  });

  it('reports document_not_found for a document never fetched', async () => {
    const desk = await storeFixture();
    const outcome = await desk.handlers['document:open-cached'](PLUIT_BILL);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'document_not_found', params: { number: '2023.09.00001', outlet: 'Pluit' } },
    });
  });

  it('treats a corrupt cache file as missing and moves it aside', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));
    const folder = join(desk.userDataFolder, 'documents');
    const [name] = await readdir(folder);
    await writeFile(join(folder, name ?? ''), '[1, 2');

    const outcome = await desk.handlers['document:open-cached'](PLUIT_BILL);
    expect(errorOf(outcome).code).toBe('document_not_found');
    expect((await readdir(folder)).some((file) => file.includes('.corrupt-'))).toBe(true);
  });

  it('keeps the history across a restart', async () => {
    const desk = await storeFixture();
    valueOf(await desk.handlers['document:fetch'](PLUIT_BILL));
    const restarted = await desk.restart();
    expect(await restarted.handlers['history:list']()).toHaveLength(1);
    expect(valueOf(await restarted.handlers['document:open-cached'](PLUIT_BILL)).lines).toHaveLength(3);
  });
});
