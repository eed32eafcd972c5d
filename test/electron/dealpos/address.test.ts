import { describe, expect, it } from 'vitest';

import { normalizeDealposAddress } from '../../../electron/dealpos/address.ts';
import { AppError } from '../../../shared/errors.ts';

function rejection(input: string): AppError {
  try {
    normalizeDealposAddress(input);
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('normalizeDealposAddress', () => {
  it.each([
    'mystore',
    'mystore.dealpos.net',
    'https://mystore.dealpos.net',
    'https://mystore.dealpos.net/',
    'https://mystore.dealpos.net/api/v3',
    'https://mystore.dealpos.net/api/v3/',
    '  mystore  ',
    'MyStore',
    'HTTPS://MYSTORE.DEALPOS.NET/API/V3/',
    'mystore.dealpos.net/api/v3',
  ])('accepts %j as the mystore API', (input) => {
    expect(normalizeDealposAddress(input)).toBe('https://mystore.dealpos.net/api/v3/');
  });

  it('accepts https hosts outside dealpos.net', () => {
    expect(normalizeDealposAddress('https://pos.example.co.id')).toBe('https://pos.example.co.id/api/v3/');
    expect(normalizeDealposAddress('pos.example.co.id:8443')).toBe('https://pos.example.co.id:8443/api/v3/');
  });

  it.each([
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123/api/v3/'],
    ['http://127.0.0.1:8123/api/v3/', 'http://127.0.0.1:8123/api/v3/'],
    ['http://127.45.6.7', 'http://127.45.6.7/api/v3/'],
    ['http://localhost:3000', 'http://localhost:3000/api/v3/'],
    ['http://LOCALHOST:3000/', 'http://localhost:3000/api/v3/'],
    ['http://[::1]:9000', 'http://[::1]:9000/api/v3/'],
  ])('accepts plain http for loopback %j', (input, expected) => {
    expect(normalizeDealposAddress(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['http://mystore.dealpos.net', 'http to a remote host'],
    ['http://192.168.1.10:8123', 'http to a LAN address'],
    ['http://128.0.0.1', 'http to an address outside 127/8'],
    ['http://localhost.example.com', 'http to a name that only starts with localhost'],
    ['my store', 'a subdomain with a space'],
    ['my_store', 'a subdomain with an underscore'],
    ['-mystore', 'a subdomain starting with a hyphen'],
    ['ftp://mystore.dealpos.net', 'the ftp scheme'],
    ['file:///etc/passwd', 'the file scheme'],
    ['javascript:alert(1)', 'the javascript scheme'],
    ['https://user:pass@mystore.dealpos.net', 'credentials'],
    ['https://user@mystore.dealpos.net', 'a user name'],
    ['https://mystore.dealpos.net/api/v3/?debug=1', 'a query'],
    ['https://mystore.dealpos.net/?', 'an empty query'],
    ['https://mystore.dealpos.net/#top', 'a fragment'],
    ['https://mystore.dealpos.net/api/v2/', 'another API path'],
    ['https://mystore.dealpos.net/login', 'a web page path'],
    ['https://', 'a scheme without a host'],
    ['https://mystore..dealpos.net', 'an empty host label'],
  ])('rejects %j (%s) as config_invalid', (input) => {
    const error = rejection(input);
    expect(error.code).toBe('config_invalid');
    expect(error.params.value).toBe(input);
    expect(error.detail).toBeTypeOf('string');
  });
});
