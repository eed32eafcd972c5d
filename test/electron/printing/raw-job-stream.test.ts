import { beforeAll, describe, expect, it } from 'vitest';
import { planJobEntries, type JobEntry, type JobReport } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import type { FontMetrics } from '../../../shared/labels/types.ts';
import { entries, fixtureLines, fixturePlanOptions, label, profile } from './raw-job-fixtures.ts';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import {
  buildRawJob,
  PrinterProfileMismatchError,
  streamRawJob,
} from '../../../electron/printing/raw-job.ts';

let metrics: FontMetrics;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

/** Lays out the fixture bill lazily, one line each time the caller asks for the next entry. */
function lazyFixture(report?: JobReport): Generator<JobEntry, JobReport> {
  return planJobEntries(readDocumentLines(fixtureLines()), fixturePlanOptions(metrics), report);
}

/** Collects every piece a stream yields and the summary it returns. */
async function drain(
  stream: AsyncGenerator<Buffer, { totalLabels: number; bytes: number }>,
): Promise<{ pieces: Buffer[]; summary: { totalLabels: number; bytes: number } }> {
  const pieces: Buffer[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done === true) {
      return { pieces, summary: next.value };
    }
    pieces.push(next.value);
  }
}

describe('streamRawJob', () => {
  it('yields the bytes buildRawJob builds', async () => {
    for (const language of ['zpl', 'tspl'] as const) {
      for (const startLabel of [0, 7, 22]) {
        const built = await buildRawJob(language, [...lazyFixture()], profile(language), { startLabel });
        const streamed = await drain(
          streamRawJob(language, lazyFixture(), profile(language), { startLabel }),
        );
        const expected = Buffer.concat([built.header, ...built.chunks.map((chunk) => chunk.bytes)]);
        expect(streamed.pieces).toHaveLength(built.chunks.length + 1);
        expect(Buffer.concat(streamed.pieces).equals(expected), `${language} from ${startLabel}`).toBe(true);
        expect(streamed.summary).toEqual({ totalLabels: 41, bytes: expected.length });
      }
    }
  });

  it('yields the header before any line is laid out', async () => {
    const report: JobReport = { refused: [], warnings: [], totalLabels: 0 };
    const stream = streamRawJob('tspl', lazyFixture(report), profile('tspl'));
    const header = await stream.next();
    expect(header.done).toBe(false);
    expect(header.value.toString('ascii')).toMatch(/^SIZE /);
    expect(report.totalLabels).toBe(0);

    // The next piece is the first line's chunk, laid out only now.
    const first = await stream.next();
    expect(first.value.toString('latin1')).toMatch(/^CLS\r\n[\s\S]*PRINT 1,6\r\n$/);
    expect(report.totalLabels).toBe(6);
    await stream.return({ totalLabels: 0, bytes: 0 });
  });

  it('stops at a line that does not suit the profile', async () => {
    const mixed = entries(2, 3);
    mixed[1] = { ...mixed[1]!, drawing: { ...label, dpi: 300 } };
    const pieces: Buffer[] = [];
    const error = await (async () => {
      for await (const piece of streamRawJob('zpl', mixed, profile('zpl'))) {
        pieces.push(piece);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterProfileMismatchError);
    expect((error as PrinterProfileMismatchError).lineNumber).toBe(2);
    // The header and line 1 were already out.
    expect(pieces).toHaveLength(2);
  });

  it('rejects startLabel outside the job', async () => {
    for (const startLabel of [-1, 1.5]) {
      await expect(drain(streamRawJob('zpl', entries(3, 5), profile('zpl'), { startLabel }))).rejects.toThrow(
        RangeError,
      );
    }
    await expect(
      drain(streamRawJob('zpl', entries(3, 5), profile('zpl'), { startLabel: 9 })),
    ).rejects.toThrow(/from 0 to 8/);
  });

  it('rejects a bad label count', async () => {
    await expect(drain(streamRawJob('tspl', entries(2, -1), profile('tspl')))).rejects.toThrow(
      /Line 2 has -1 labels/,
    );
  });
});
