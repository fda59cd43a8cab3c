import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../local/net.ts';

describe('local servers', () => {
  it('keep idle connections 65 s like AWS endpoints, not Node’s 5 s (a reused socket must not be reset)', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    expect(server.keepAliveTimeout).toBe(5_000);
    const port = await listen(server, 0, '127.0.0.1');
    try {
      expect(server.keepAliveTimeout).toBe(65_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    } finally {
      await closeServer(server);
    }
  });
});
