import { startServer, type RunningServer, type ServerOptions } from './http.js';

/** How many ports after the preferred one are tried before letting the system pick one. */
const NEXT_PORTS = 20;

/**
 * Starts the server on the preferred port, or, when something already listens there (another
 * Copydesk, any program), on the next free one, and says which it took. Port 0 lets the system
 * choose.
 */
export async function startOnFreePort(options: Omit<ServerOptions, 'port'>, preferred: number): Promise<{ server: RunningServer; note: string | null }> {
  if (preferred === 0) return { server: await startServer({ ...options, port: 0 }), note: null };
  const candidates = [...Array.from({ length: NEXT_PORTS + 1 }, (_, i) => preferred + i).filter((p) => p <= 65535), 0];
  for (const port of candidates) {
    try {
      const server = await startServer({ ...options, port });
      const note = port === preferred ? null : `Port ${preferred} is in use (by another program or another Copydesk), so browser mode took port ${server.port} instead.`;
      return { server, note };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
    }
  }
  throw new Error('No free port was found.');
}
