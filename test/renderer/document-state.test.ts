import { describe, expect, it } from 'vitest';
import type { DocumentView, Outcome } from '../../shared/ipc-contract.ts';
import {
  DocumentState,
  failureKind,
  hasCachedCopy,
} from '../../renderer/src/lib/state/document-state.svelte.ts';
import { FakeLabelDeskApi, FAKE_SECRET, TOKO_BANDUNG } from './fake-api.ts';

function stateFor(api: FakeLabelDeskApi, loaded: DocumentView[] = []): DocumentState {
  const document = new DocumentState(api, (view) => loaded.push(view));
  document.kind = TOKO_BANDUNG.kind;
  document.outlet = TOKO_BANDUNG.outlet;
  document.number = TOKO_BANDUNG.number;
  return document;
}

describe('DocumentState', () => {
  it('loads a fetched document and reports it', async () => {
    const loaded: DocumentView[] = [];
    const document = stateFor(new FakeLabelDeskApi(), loaded);

    await document.fetch();

    expect(document.status).toBe('loaded');
    expect(document.view?.lines).toHaveLength(9);
    expect(document.failure).toBeNull();
    expect(loaded).toHaveLength(1);
  });

  it('trims the form and refuses empty fields without a request', async () => {
    const api = new FakeLabelDeskApi();
    const document = stateFor(api);
    document.number = '   ';

    await document.fetch();

    expect(document.formProblem).toBe('number_missing');
    expect(api.callsOf('fetchDocument')).toHaveLength(0);

    document.number = `  ${TOKO_BANDUNG.number} `;
    document.outlet = '';
    await document.fetch();
    expect(document.formProblem).toBe('outlet_missing');
  });

  it('keeps a not-found failure with the document it was for', async () => {
    const document = stateFor(new FakeLabelDeskApi());
    document.number = 'PB/0000';

    await document.fetch();

    expect(document.status).toBe('failed');
    expect(document.failure?.ref.number).toBe('PB/0000');
    expect(failureKind(document.failure!.error)).toBe('not_found');
  });

  it('classifies an authentication failure as a credentials problem', async () => {
    const api = new FakeLabelDeskApi();
    await api.saveAccount({ url: 'x', clientId: 'y', secret: `${FAKE_SECRET}-old` });
    const document = stateFor(api);

    await document.fetch();

    expect(failureKind(document.failure!.error)).toBe('credentials');
  });

  it('opens the cached copy after a network failure', async () => {
    const api = new FakeLabelDeskApi();
    const document = stateFor(api);
    await document.fetch();
    api.fetchFailure = { code: 'network', params: {} };

    await document.fetch();
    expect(failureKind(document.failure!.error)).toBe('offline');
    expect(hasCachedCopy(document.failure!.error)).toBe(true);

    await document.openCached(document.failure!.ref);
    expect(document.status).toBe('loaded');
    expect(document.view?.source).toBe('cache');
  });

  it('drops the answer to an older request', async () => {
    const api = new FakeLabelDeskApi();
    let releaseFirst: (value: Outcome<DocumentView>) => void = () => undefined;
    const original = api.fetchDocument;
    let calls = 0;
    Object.defineProperty(api, 'fetchDocument', {
      value: (...args: Parameters<typeof original>) => {
        calls += 1;
        if (calls === 1) {
          return new Promise<Outcome<DocumentView>>((resolve) => {
            releaseFirst = resolve;
          });
        }
        return original(...args);
      },
    });
    const document = stateFor(api);

    const first = document.fetch();
    document.number = 'PB/0000';
    await document.fetch();
    releaseFirst({
      ok: true,
      value: { ref: TOKO_BANDUNG, lines: [], fetchedAt: '2026-01-01T00:00:00Z', source: 'dealpos' },
    });
    await first;

    expect(document.status).toBe('failed');
    expect(document.failure?.ref.number).toBe('PB/0000');
  });

  it('clamps label counts and forgets them for a new document', async () => {
    const document = stateFor(new FakeLabelDeskApi());
    await document.fetch();

    document.setLabels(1, 5_000_000);
    document.setLabels(2, -3);
    expect(document.labelOverrides.get(1)).toBe(1_000_000);
    expect(document.labelOverrides.get(2)).toBe(0);

    document.setLabels(1, null);
    expect(document.labelOverrides.has(1)).toBe(false);

    await document.fetch();
    expect(document.labelOverrides.size).toBe(0);
  });

  it('turns a rejected request into the unexpected error and logs it', async () => {
    const api = new FakeLabelDeskApi();
    Object.defineProperty(api, 'fetchDocument', {
      value: () => Promise.reject(new Error('IPC channel closed')),
    });
    const document = stateFor(api);

    await document.fetch();

    expect(document.failure?.error.code).toBe('unexpected');
    await Promise.resolve();
    expect(api.callsOf('log')[0]?.args[0]).toMatchObject({ level: 'error', scope: 'document' });
  });
});
