import { isIP } from 'node:net';

import { AppError } from '../../shared/errors.ts';

const API_PATH = '/api/v3/';
const DEALPOS_DOMAIN = 'dealpos.net';

/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Path forms accepted after the host; anything else would point the client at the wrong API. */
const ACCEPTED_PATHS = new Set(['', '/', '/api/v3', '/api/v3/']);

/**
 * Turns what a user types as the DealPOS address into the API v3 base URL, ending in `/api/v3/`.
 *
 * A bare subdomain (`mystore`) means `mystore.dealpos.net`, and an address without a scheme gets `https://`.
 * Plain `http://` is accepted only for loopback hosts, so that a local simulator works but a client secret
 * never travels unencrypted over a network. Throws `config_invalid` before any request is made.
 */
export function normalizeDealposAddress(input: string): string {
  const trimmed = input.trim();
  const reject = (detail: string): AppError => new AppError('config_invalid', { value: input }, { detail });

  if (trimmed === '') {
    throw reject('the DealPOS address is empty');
  }

  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/]*:\d+(?:\/|$)/.test(trimmed);
  let candidate = trimmed;
  if (!hasScheme) {
    // A bare label is a DealPOS subdomain: `mystore` means `mystore.dealpos.net`.
    const hostPart = trimmed.split('/')[0] ?? '';
    if (!hostPart.includes('.') && !hostPart.includes(':') && !hostPart.startsWith('[')) {
      const label = hostPart.toLowerCase();
      if (!DNS_LABEL.test(label)) {
        throw reject(`"${hostPart}" is not a valid DealPOS subdomain`);
      }
      candidate = `${label}.${DEALPOS_DOMAIN}${trimmed.slice(hostPart.length)}`;
    }
    candidate = `https://${candidate}`;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw reject('the DealPOS address is not a valid URL');
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw reject(`the scheme ${url.protocol} is not supported; use https://`);
  }
  if (url.username !== '' || url.password !== '') {
    throw reject('the DealPOS address must not contain a user name or password');
  }
  if (url.search !== '' || candidate.includes('?')) {
    throw reject('the DealPOS address must not contain a query string');
  }
  if (url.hash !== '' || candidate.includes('#')) {
    throw reject('the DealPOS address must not contain a fragment');
  }
  if (!isValidHost(url.hostname)) {
    throw reject(`"${url.hostname}" is not a valid host name`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw reject('plain http:// is only allowed for loopback hosts; use https://');
  }
  if (!ACCEPTED_PATHS.has(url.pathname.toLowerCase())) {
    throw reject(`the path ${url.pathname} is not the DealPOS API; use the address without a path`);
  }

  return `${url.protocol}//${url.host}${API_PATH}`;
}

/** Checks whether a URL host name (as `URL.hostname` gives it) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') {
    return true;
  }
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

function isValidHost(hostname: string): boolean {
  if (hostname.startsWith('[') && hostname.endsWith(']')) {
    return isIP(hostname.slice(1, -1)) === 6;
  }
  if (isIP(hostname) === 4) {
    return true;
  }
  const labels = hostname.split('.');
  return labels.length > 0 && labels.every((label) => DNS_LABEL.test(label));
}
