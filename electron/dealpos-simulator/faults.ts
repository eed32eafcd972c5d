/** The simulated DealPOS endpoints that faults can be attached to. */
export type SimulatorEndpoint = 'token' | 'bill' | 'delivery' | 'variants';

/** A failure the simulator plays instead of the normal response. */
export type SimulatorFault =
  /** Any status with a JSON `{"Message": ...}` body, e.g. 500 or 503; `headers` may add `Retry-After`. */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** Any status, content type and body, e.g. a 200 HTML login page from a captive portal. */
  | { kind: 'raw'; status: number; contentType: string; body: string; headers?: Record<string, string> }
  /** 502 with the HTML page a reverse proxy serves when DealPOS is down. */
  | { kind: 'bad_gateway_html' }
  /** 429 with `Retry-After` (default "2" seconds) and the DealPOS quota message. */
  | { kind: 'rate_limited'; retryAfter?: string }
  /** 403 with the DealPOS permission message naming `role` (default "Inventory - VIEW"). */
  | { kind: 'forbidden'; role?: string }
  /** 200 with a JSON body cut off in the middle. */
  | { kind: 'malformed_json' }
  /** The request is read but gets no response, and the socket stays open until the client gives up or close(). */
  | { kind: 'hang' }
  /** The connection is reset after the request is read. */
  | { kind: 'reset' };

interface QueuedFault {
  fault: SimulatorFault;
  remaining: number;
}

/**
 * Faults to inject into the simulator, per endpoint. A fault applies to the next `times` requests to that
 * endpoint (`Infinity` until cleared); faults injected for the same endpoint play one after the other.
 */
export class SimulatorFaults {
  readonly #queues = new Map<SimulatorEndpoint, QueuedFault[]>();
  #tokenCallLimit: number | undefined;
  #tokenCallLimitVersion = 0;

  /** Plays `fault` for the next `times` requests to `endpoint`. */
  inject(endpoint: SimulatorEndpoint, fault: SimulatorFault, times = 1): void {
    if (!(times >= 1)) {
      throw new RangeError(`times must be at least 1, got ${times}`);
    }
    const queue = this.#queues.get(endpoint) ?? [];
    queue.push({ fault, remaining: times });
    this.#queues.set(endpoint, queue);
  }

  /**
   * Makes every token, issued before or after this call, invalid after `calls` more authorised calls made with
   * it. `0` rejects every token at once.
   */
  expireTokensAfterCalls(calls: number): void {
    if (!Number.isInteger(calls) || calls < 0) {
      throw new RangeError(`calls must be a whole number of at least 0, got ${calls}`);
    }
    this.#tokenCallLimit = calls;
    this.#tokenCallLimitVersion += 1;
  }

  /** Removes the faults of one endpoint, or of all endpoints and the token call limit when none is given. */
  clear(endpoint?: SimulatorEndpoint): void {
    if (endpoint !== undefined) {
      this.#queues.delete(endpoint);
      return;
    }
    this.#queues.clear();
    this.#tokenCallLimit = undefined;
    this.#tokenCallLimitVersion += 1;
  }

  /** Takes the fault for one request to `endpoint`, if any. Used by the simulator. */
  take(endpoint: SimulatorEndpoint): SimulatorFault | undefined {
    const queue = this.#queues.get(endpoint);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) {
      return undefined;
    }
    head.remaining -= 1;
    if (head.remaining <= 0) {
      queue.shift();
    }
    return head.fault;
  }

  /** The token call limit and a counter that changes each time the limit is set or cleared. */
  get tokenCallLimit(): { calls: number | undefined; version: number } {
    return { calls: this.#tokenCallLimit, version: this.#tokenCallLimitVersion };
  }
}
