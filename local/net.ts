/** Small helpers for the local stand-in servers: listen on a port (0 = ephemeral) and close cleanly. */
import type { Server } from 'node:net';

/**
 * Keeps idle keep-alive connections open for 65 s, as AWS endpoints do, instead of Node's 5 s.
 * With 5 s, a client that reuses a socket just as the server closes it gets ECONNRESET before its
 * request was read — for SES that looks like "sent, answer lost", and the email is never sent.
 */
export function keepConnectionsLikeAws(server: object): void {
  const http = server as { keepAliveTimeout?: number; headersTimeout?: number };
  if (typeof http.keepAliveTimeout !== 'number') return;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
}

/** Listens and resolves with the port actually bound (the real one when `port` is 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  keepConnectionsLikeAws(server);
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(boundPort(server));
    });
  });
}

export function boundPort(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('Server is not listening on a TCP port');
  return address.port;
}

/** Closes an HTTP server, dropping keep-alive connections so `close` does not wait for clients. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections?.();
  });
}

/** `http://host:port`, with IPv6 literals bracketed. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Reads a request body up to `limit` bytes. A larger body is drained and discarded (so the client
 * still reads the response) and reported as `tooLarge`.
 */
export async function readBody(
  request: AsyncIterable<Buffer> & { headers: Record<string, string | string[] | undefined> },
  limit: number,
): Promise<{ body: Buffer; tooLarge: boolean }> {
  let tooLarge = Number(request.headers['content-length'] ?? 0) > limit;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return { body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
}
