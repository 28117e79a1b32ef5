import type http from 'node:http';

/**
 * Reads request bodies within two bounds: one body's size, and the bytes of all bodies being
 * handled at once, so a handful of large requests in parallel cannot take the process's memory.
 * A body with a Content-Length reserves its whole length before a byte is read (and is read into
 * one buffer of that size, with no second copy to join chunks); one without reserves as it
 * grows. The reservation lasts until the caller calls `done()`, after it has parsed and answered,
 * since the parsed request lives that long too. `text()` decodes the body once and lets go of its
 * bytes, so a large request is not held twice while it is parsed.
 */
export type BodyResult = { text(): string; done(): void } | 'too-large' | 'busy';

export interface BodyReader {
  read(req: http.IncomingMessage): Promise<BodyResult>;
  /** Bytes reserved by bodies being handled now. */
  readonly inFlight: number;
}

export function createBodyReader(maxBody: number, maxInFlight: number): BodyReader {
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    read(req) {
      return new Promise((resolve, reject) => {
        const refuse = (outcome: 'too-large' | 'busy') => {
          req.resume(); // drained and dropped, never kept
          resolve(outcome);
        };
        const header = req.headers['content-length'];
        const declared = header === undefined ? null : Number(header);
        if (declared !== null && !(declared >= 0 && declared <= maxBody)) return refuse('too-large');
        let reserved = declared ?? 0;
        if (inFlight + reserved > maxInFlight) return refuse('busy');
        inFlight += reserved;
        let released = false;
        const release = () => {
          if (!released) inFlight -= reserved;
          released = true;
        };
        let whole: Buffer | null = declared !== null ? Buffer.allocUnsafe(declared) : null;
        let chunks: Buffer[] = [];
        let size = 0;
        let settled = false;
        const stop = (outcome: 'too-large' | 'busy') => {
          settled = true;
          release();
          whole = null;
          chunks = [];
          req.removeAllListeners('data');
          refuse(outcome);
        };
        req.on('data', (c: Buffer) => {
          if (size + c.length > maxBody || (whole && size + c.length > whole.length)) return stop('too-large');
          if (whole) c.copy(whole, size);
          else {
            const grow = size + c.length - reserved;
            if (grow > 0) {
              if (inFlight + grow > maxInFlight) return stop('busy');
              inFlight += grow;
              reserved += grow;
            }
            chunks.push(c);
          }
          size += c.length;
        });
        req.on('end', () => {
          if (settled) return;
          settled = true;
          let body: Buffer | null = whole ? whole.subarray(0, size) : Buffer.concat(chunks, size);
          whole = null;
          chunks = [];
          resolve({
            text() {
              const text = body?.toString('utf8') ?? '';
              body = null;
              return text;
            },
            done: release,
          });
        });
        req.on('error', (err) => {
          release();
          if (!settled) reject(err);
          settled = true;
        });
        // A client that disconnects mid-body never reaches 'end'.
        req.on('close', () => {
          if (!settled) {
            settled = true;
            release();
            reject(new Error('The client closed the connection before sending the whole request.'));
          }
        });
      });
    },
  };
}
