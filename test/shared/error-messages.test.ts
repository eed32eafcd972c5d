import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../shared/error-messages.ts';

describe('errorMessage', () => {
  it('drops the full stop of a quoted reason', () => {
    const message = errorMessage('en', {
      code: 'print_job_failed',
      params: { queue: 'Zebra', reason: 'The printer is not responding.' },
    });

    expect(message).toContain('(The printer is not responding)');
    expect(message).not.toContain('.).');
  });

  it('fills placeholders the error does not carry', () => {
    const message = errorMessage('id', { code: 'print_job_failed', params: { queue: 'Zebra' } });

    expect(message).toContain('Zebra');
    expect(message).toContain('(?)');
  });
});
